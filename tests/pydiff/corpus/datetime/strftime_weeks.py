from datetime import date, datetime, timedelta
days = [date(2024, 1, 1), date(2023, 1, 1), date(2021, 1, 3), date(2020, 12, 31), date(2026, 12, 28),
        date(2027, 1, 1), date(2015, 12, 31), date(2016, 1, 3), date(2009, 12, 31), date(2010, 1, 4),
        date(2024, 12, 30), date(2000, 2, 29), date(1999, 12, 31)]
for d in days:
    print(d, d.strftime('%U %W %j %G %V %u %g %C %a'))
start = date(2023, 12, 20)
print(' '.join((start + timedelta(days=i)).strftime('%U/%W/%V') for i in range(20)))
t = datetime(2024, 7, 4, 0, 5, 9)
print(t.strftime('%R|%r|%k|%l|%P|%n|%t|%D|%e|%T'), datetime(2024, 7, 4, 13, 0).strftime('%r %l %k %P'))
print(f'{t:%Y-W%W}', '{:%U}'.format(t))

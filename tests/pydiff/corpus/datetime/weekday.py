from datetime import date, datetime
for d in [date(2024, 1, 1), date(2024, 2, 29), date(2000, 1, 1)]:
    print(d, d.weekday(), d.isoweekday(), d.toordinal(), d.ctime())
print(datetime(2024, 1, 1, 10, 30).ctime())

from datetime import datetime, date, timedelta
d = date(2024, 3, 15)
print(d.replace(day=1), d.strftime("%a %d %b"), d.isoformat(), d.year, d.month, d.day, d.toordinal(), d - date(2024, 1, 1))
print(datetime(2024, 1, 1).timestamp() if False else "", datetime.combine(d, datetime.min.time()), datetime(2024, 1, 31) + timedelta(days=1))
print(d.isocalendar(), d.isocalendar().week, datetime(2024, 3, 15, 8).strftime("%I%p %M"), datetime(2024, 3, 15, 0).strftime("%I %p"))
print(datetime.strptime("15/03/2024", "%d/%m/%Y").date(), datetime.strptime("Mar 5 2024 3:04PM", "%b %d %Y %I:%M%p"), datetime.strptime("2024-03-15T10:20:30.5", "%Y-%m-%dT%H:%M:%S.%f"))
print(sorted([datetime(2024, 1, 2), datetime(2023, 1, 1)])[0], datetime(2024, 1, 1) == datetime(2024, 1, 1, 0, 0), d == datetime(2024, 3, 15), hash(d) == hash(date(2024, 3, 15)))
print(f"{datetime(2024, 3, 5, 9, 7):%d.%m.%Y %H:%M}", "{:%j}".format(d), d.weekday(), (d - timedelta(days=d.weekday())).isoformat())
try:
    d + 1
except TypeError as e:
    print(e)
try:
    datetime(2024, 1, 1) - date(2024, 1, 1)
except TypeError as e:
    print(e)
try:
    timedelta(days=1) * timedelta(days=1)
except TypeError as e:
    print(e)
try:
    datetime.strptime("2024-01-01 extra", "%Y-%m-%d")
except ValueError as e:
    print(e)

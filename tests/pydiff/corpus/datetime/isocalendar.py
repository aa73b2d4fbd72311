# isocalendar(): the ISO year, week and weekday, read by position or by name.
from datetime import date, datetime, timedelta

for d in [date(2024, 2, 29), date(2021, 1, 3), date(2020, 12, 31), date(2026, 12, 28),
          date(2019, 12, 30), date(1, 1, 1), date(9999, 12, 31), date(2015, 12, 31)]:
    c = d.isocalendar()
    print(d, c, c[1], c.year, c.week, c.weekday, tuple(c), len(c))
c = datetime(2024, 2, 29, 13, 5).isocalendar()
print(c, repr(c), str(c), c == (2024, 9, 4), isinstance(c, tuple))
year, week, day = c
print(year, week, day, type(c).__name__, type(c) is type(date(2000, 1, 1).isocalendar()))
weeks = {}
start = date(2024, 12, 25)
for i in range(14):
    day = start + timedelta(days=i)
    weeks.setdefault(day.isocalendar().week, []).append(day.day)
print(weeks)
for name in ("_asdict", "_fields"):
    try:
        getattr(c, name)
    except AttributeError as e:
        print(e)

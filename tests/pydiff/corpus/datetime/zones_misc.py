import datetime
from datetime import datetime as DT, time, timezone, timedelta, date
tz = timezone(timedelta(hours=3), 'MSK')
print(isinstance(tz, timezone), isinstance(timezone.utc, timezone), type(tz), type(tz).__name__, isinstance(time(1), time))
print(isinstance(DT(2024,1,1), date), isinstance(time(1), date), type(time(1)) is time)
print(f"{tz}", f"{time(1, 2, 3):%H.%M}", hash(tz) == hash(timezone(timedelta(hours=3))), {tz: 1}[timezone(timedelta(hours=3))])
print(timezone.utc is timezone(timedelta(0)), timezone.utc == timezone(timedelta(0), 'Z'))
d = DT(2024, 3, 10, 12, tzinfo=tz)
print(d.tzinfo == tz, d.timetz().tzinfo, d.date() == date(2024, 3, 10))
print(d - timedelta(days=1), d + timedelta(hours=13), (d - DT(2024, 3, 10, tzinfo=timezone.utc)).total_seconds())
print(sorted([DT(2024,1,1,5,tzinfo=tz), DT(2024,1,1,3,tzinfo=timezone.utc), DT(2024,1,1,1,tzinfo=timezone(timedelta(hours=-1)))]))
print(DT.fromtimestamp(1700000000, tz), DT.fromtimestamp(1700000000, timezone.utc).timestamp())
print(d.astimezone(tz) == d, d.astimezone(timezone.utc).astimezone(tz), repr(d.replace(tzinfo=None)))
print(d.utcoffset(), d.dst(), d.tzname(), tz.fromutc(DT(2024, 1, 1, tzinfo=tz)))
print(time(23, 59, 59, 999999, tzinfo=timezone.utc).isoformat(), time(0).isoformat('seconds'))
print(DT.combine(date(2024, 1, 1), time(12, tzinfo=tz)).timestamp())
print(time(12, 0) in [time(12)], time(12) != time(12, 0, 1), time(1) == DT(2024, 1, 1, 1))
print(d.ctime(), d.isoweekday(), d.toordinal())
print(DT.max.replace(tzinfo=timezone.utc), DT.min.replace(tzinfo=tz).isoformat())
try:
    DT.max.replace(tzinfo=timezone(timedelta(hours=-1))).astimezone(timezone.utc)
except OverflowError as e:
    print('OverflowError:', e)
try:
    tz.fromutc(DT(2024, 1, 1))
except ValueError as e:
    print('ValueError:', e)
try:
    tz.fromutc(5)
except TypeError as e:
    print('TypeError:', e)
print(tz.utcoffset(d), tz.tzname(None), timezone.utc.dst(d), str(timezone.min), str(timezone.max))
print(datetime.time, datetime.timezone, datetime.timezone.utc, datetime.UTC is datetime.timezone.utc)
t = time(1)
try:
    t.hour = 3
except AttributeError as e:
    print('AttributeError:', e)
try:
    t.year
except AttributeError as e:
    print('AttributeError:', e)
print(bool(time(0)), time(1) > time(0, 59), max(time(1), time(2)))

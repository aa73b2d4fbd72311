import json
from datetime import datetime, date, timedelta, time, timezone
from decimal import Decimal, ROUND_HALF_UP, InvalidOperation

order = {"id": 7, "items": [{"sku": "A1", "qty": 2, "price": 9.99}], "paid": True, "note": None}
s = json.dumps(order)
print(s)
print(json.dumps(order, indent=2, sort_keys=True))
print(json.dumps(order, separators=(",", ":")))
print(json.dumps({"name": "café", "emoji": "😀"}), json.dumps({"name": "café"}, ensure_ascii=False))
print(json.dumps([1.0, 1e20, float("inf"), -0.0]))
print(json.dumps({1: "a", 2.5: "b", True: "c", None: "d"}))
print(json.loads('{"a": [1, 2.5, "x", null, true, false]}'))
print(json.loads("[1, 2]", parse_float=Decimal), json.loads('{"x": 1.10}', parse_float=Decimal))
for bad in ['{"a": 1,}', "{'a': 1}", "[1, 2", "", "nan", '{"a" 1}', "[1] x"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(type(e).__name__, e, e.pos, e.lineno, e.colno)
try:
    json.dumps({"when": datetime(2024, 1, 1)})
except TypeError as e:
    print(e)
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print(e)
def default(o):
    if isinstance(o, (datetime, date)):
        return o.isoformat()
    if isinstance(o, Decimal):
        return str(o)
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")
print(json.dumps({"when": datetime(2024, 1, 1, 9, 30), "total": Decimal("10.50"), "d": date(2024, 2, 29)}, default=default))
print(json.dumps("a\nb\t\"c\"\\"), json.dumps([]), json.dumps({}), json.dumps([[]], indent=4))
print(json.dumps({"a": 1}, indent="\t"))

now = datetime(2024, 3, 15, 14, 5, 9, 123456)
print(now, repr(now), now.isoformat(), now.date(), now.time())
print(now.strftime("%Y-%m-%d %H:%M:%S"), now.strftime("%d/%m/%y %I:%M %p"), now.strftime("%A %B %j %a %b %w %U %%"))
print(now.strftime("%f %e" if False else "%f"), f"{now:%Y-%m-%d}", format(now, "%H:%M"))
d = datetime.strptime("2024-02-29 23:59", "%Y-%m-%d %H:%M")
print(d, d + timedelta(minutes=1), d - timedelta(days=366))
try:
    datetime.strptime("2024-13-01", "%Y-%m-%d")
except ValueError as e:
    print(e)
try:
    datetime.strptime("hello", "%Y-%m-%d")
except ValueError as e:
    print(e)
try:
    date(2023, 2, 29)
except ValueError as e:
    print(e)
delta = datetime(2024, 12, 25) - now
print(delta, delta.days, delta.seconds, delta.total_seconds(), repr(delta))
print(timedelta(hours=36, minutes=5), timedelta(days=-1, seconds=5), -timedelta(hours=1), timedelta(weeks=2) // timedelta(days=3))
print(timedelta(seconds=90) / 2, timedelta(seconds=1) * 1.5, abs(timedelta(days=-2)), timedelta(0))
print(date(2024, 1, 31) + timedelta(days=30), date.fromisoformat("2024-05-06").weekday(), date(2024, 5, 6).isoweekday())
print(datetime.fromisoformat("2024-05-06T07:08:09"), datetime.fromisoformat("2024-05-06 07:08:09+02:00"))
aware = datetime(2024, 1, 1, 12, tzinfo=timezone.utc)
print(aware, aware.isoformat(), aware.astimezone(timezone(timedelta(hours=-5))), aware.tzname(), aware.utcoffset())
try:
    aware - datetime(2024, 1, 1)
except TypeError as e:
    print(e)
try:
    aware < datetime(2024, 1, 1)
except TypeError as e:
    print(e)
print(now.replace(year=2020, microsecond=0), date(2024, 1, 1).strftime("%Y/%m/%d"))
print(sorted([date(2024, 1, 2), date(2023, 5, 5)]), max(date(2024, 1, 2), date(2023, 5, 5)))
print(time(9, 30) < time(10), time(9, 30).strftime("%H:%M"), time(23, 59, 59, 999999).isoformat())

price = Decimal("19.99")
qty = 3
total = price * qty
print(total, repr(total), total.quantize(Decimal("0.1")), total.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
print(Decimal("1.1") + Decimal("2.2"), Decimal(1.1), Decimal("10") / Decimal("3"), Decimal("1.50").normalize())
print(f"{total:.2f}", f"{Decimal('1234567.891'):,.2f}", Decimal("0.1") * 3 == Decimal("0.3"), sum([Decimal("0.1")] * 3))
try:
    Decimal("abc")
except InvalidOperation as e:
    print(type(e).__name__, e)
try:
    Decimal("1.0") + 1.0
except TypeError as e:
    print(e)
print(Decimal("2.5").quantize(Decimal("1")), round(Decimal("2.675"), 2), int(Decimal("7.9")), float(Decimal("0.5")))
print(Decimal("-0"), Decimal("1e3"), Decimal("1E+3") == 1000, Decimal("3.00") == 3, str(Decimal("0.000001")), Decimal("1e-7"))

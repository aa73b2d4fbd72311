from datetime import datetime, timedelta
start = datetime(2024, 3, 10, 12, 0)
print(start + timedelta(days=1), start - timedelta(hours=36), start + timedelta(minutes=90, seconds=30))
print(timedelta(days=1, hours=2), timedelta(seconds=3661), timedelta(weeks=2), timedelta(days=-1), timedelta(microseconds=1500), timedelta(hours=-1, minutes=30))
print(repr(timedelta(days=1, seconds=5)), repr(timedelta()), timedelta(days=2) * 3, timedelta(days=3) // 2, timedelta(hours=3) / timedelta(hours=1))

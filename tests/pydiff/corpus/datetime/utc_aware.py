from datetime import datetime, timezone, timedelta
d = datetime(2024, 1, 1, 12, 0, tzinfo=timezone.utc)
print(d, repr(d), d.isoformat(), d.tzinfo, d.utcoffset(), d + timedelta(hours=1), d.timestamp())

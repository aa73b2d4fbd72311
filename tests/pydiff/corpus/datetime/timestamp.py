from datetime import datetime, timezone
print(datetime(1970, 1, 2, tzinfo=timezone.utc).timestamp(), datetime.fromtimestamp(86400, tz=timezone.utc))

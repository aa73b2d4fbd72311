from datetime import datetime, date
d = datetime(2024, 5, 6, 7, 8, 9, 123456)
print(d.isoformat(), d.isoformat(' '), datetime(2024, 5, 6).isoformat(), date(2024, 5, 6).isoformat(), d.date(), d.isoformat(timespec='seconds'))

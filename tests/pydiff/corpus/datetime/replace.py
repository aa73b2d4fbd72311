from datetime import datetime, date
d = datetime(2024, 1, 31, 10, 0)
print(d.replace(day=1), d.replace(hour=0, minute=15), date(2024, 1, 31).replace(month=4, day=30))

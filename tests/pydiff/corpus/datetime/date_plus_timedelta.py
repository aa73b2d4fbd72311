from datetime import date, timedelta
d = date(2024, 2, 28)
print(d + timedelta(days=1), d + timedelta(days=2), d - timedelta(weeks=9), d + timedelta(hours=23))

from datetime import datetime, date
a = datetime(2024, 12, 25, 8, 30)
b = datetime(2024, 1, 1)
print(a - b, (a - b).days, (a - b).total_seconds(), b - a, date(2025, 1, 1) - date(2024, 1, 1))

from datetime import date
days = [date(2024, 3, 1), date(2023, 12, 31), date(2024, 1, 15)]
print(sorted(days), max(days), date(2024, 1, 1) < date(2024, 1, 2), date(2024, 1, 1) == date(2024, 1, 1))

from datetime import datetime, date, timedelta
d = datetime(2024, 2, 29, 13, 5, 9)
print(d, repr(d), d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond)
print(date(2024, 1, 31), repr(date(2000, 12, 1)))
print(datetime(2024, 1, 1, 0, 0, 0, 500), datetime(2024, 1, 1, 23, 59))

import datetime
print(datetime.date(2024, 1, 1), datetime.timedelta(minutes=5), datetime.datetime(2024, 1, 1, 1, 1), datetime.MINYEAR, datetime.MAXYEAR)

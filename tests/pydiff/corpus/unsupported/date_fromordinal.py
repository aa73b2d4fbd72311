from datetime import date
print(date.fromordinal(738960))

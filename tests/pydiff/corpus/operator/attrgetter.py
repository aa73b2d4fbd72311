from operator import attrgetter
from datetime import date
days = [date(2024, 3, 1), date(2023, 7, 9), date(2024, 1, 5)]
print(sorted(days, key=attrgetter('month')), attrgetter('year', 'day')(days[0]), list(map(attrgetter('real'), [1, 2.5])))

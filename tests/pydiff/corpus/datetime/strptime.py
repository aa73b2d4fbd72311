from datetime import datetime
cases = [('2024-03-05', '%Y-%m-%d'), ('05/03/24 14:07', '%d/%m/%y %H:%M'), ('5 Mar 2024', '%d %b %Y'),
         ('March 5, 2024', '%B %d, %Y'), ('2024-03-05T14:07:09.123', '%Y-%m-%dT%H:%M:%S.%f'),
         ('Tue, 05 Mar 2024 02:07:09 PM', '%a, %d %b %Y %I:%M:%S %p'), ('12:30 am', '%I:%M %p'),
         ('2024 060', '%Y %j'), ('20240305', '%Y%m%d'), ('2024-3-5', '%Y-%m-%d'), ('99', '%y'), ('68', '%y'),
         ('  2024', ' %Y'), ('2024    01', '%Y %m'), ('MARCH 2024', '%B %Y'), ('1/2/2024', '%m/%d/%Y'),
         ('100%', '%d%%'), ('2024-12-31 23:59:59', '%Y-%m-%d %H:%M:%S'), ('1231', '%m%d'), ('123', '%m%d')]
for text, fmt in cases:
    print(repr(text), repr(fmt), datetime.strptime(text, fmt))
for text, fmt in [('2024-13-01', '%Y-%m-%d'), ('2024-02-30', '%Y-%m-%d'), ('2023-02-29', '%Y-%m-%d'),
                  ('2024-03-05 junk', '%Y-%m-%d'), ('abc', '%Y'), ('2024', '%Q'), ('2024', '%Y%'),
                  ('24:00', '%H:%M'), ('1900-02-29', '%Y-%m-%d'), ('', '%Y'), ('12:61', '%H:%S')]:
    try:
        print(datetime.strptime(text, fmt))
    except ValueError as e:
        print('ValueError', e)
try:
    datetime.strptime(2024, '%Y')
except TypeError as e:
    print('TypeError', e)
d = datetime.strptime('2024-03-05', '%Y-%m-%d')
print(d.date(), d.strftime('%A %j'), type(d).__name__, repr(d))
print(datetime.strptime('Feb 29', '%b %d'))

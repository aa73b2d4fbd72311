from datetime import datetime, timezone, timedelta

def show(text, fmt):
    try:
        d = datetime.strptime(text, fmt)
        print(repr(text), repr(d), d.tzname(), d.utcoffset())
    except ValueError as e:
        print(repr(text), 'ValueError:', e)

for text in ['+0200', '-0530', '+02:00', '+02:00:30', '+020030', '+01:00:00.5', '+010000.123456',
             'Z', 'z', '+01', '+0100:', '+01:0000', '+0100:30', '+0160', '-2359', '+2400',
             '+9900', '+01:00:3', '+01:00:00.1234567', 'UTC']:
    show(text, '%z')
for text in ['UTC', 'utc', 'GMT', 'Gmt', 'CET', 'UTCx', '']:
    show(text, '%Z')
show('2026-01-02 10:30:00 +0100', '%Y-%m-%d %H:%M:%S %z')
show('2026-01-02T10:30:00Z', '%Y-%m-%dT%H:%M:%S%z')
show('Fri, 02 Jan 2026 10:30:00 GMT', '%a, %d %b %Y %H:%M:%S %Z')
show('Fri, 02 Jan 2026 10:30:00 GMT +0000', '%a, %d %b %Y %H:%M:%S %Z %z')
show('utc -0100', '%Z %z')
show('10:30 +0200 PM', '%I:%M %z %p')
d = datetime.strptime('2026-01-02 10:30 +0530', '%Y-%m-%d %H:%M %z')
print(d.astimezone(timezone.utc), d.timestamp(), d.isoformat(), d.strftime('%H:%M %z %Z'))
print(d == datetime(2026, 1, 2, 5, 0, tzinfo=timezone.utc), d.tzinfo == timezone(timedelta(hours=5, minutes=30)))

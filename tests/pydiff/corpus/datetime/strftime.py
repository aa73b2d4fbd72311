from datetime import datetime
d = datetime(2024, 7, 4, 15, 9, 3)
print(d.strftime('%Y-%m-%d %H:%M:%S'), d.strftime('%a %A %b %B %d %y'), d.strftime('%I:%M %p'), d.strftime('%j %w %%'), d.strftime('%H%M'))

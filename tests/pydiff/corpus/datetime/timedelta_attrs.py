from datetime import timedelta
t = timedelta(days=2, hours=5, seconds=7, microseconds=11)
print(t.days, t.seconds, t.microseconds, t.total_seconds(), -t, abs(-t), t > timedelta(days=1), timedelta(days=1) == timedelta(hours=24))

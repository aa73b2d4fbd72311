from datetime import timedelta
timedelta(days=1) + 5

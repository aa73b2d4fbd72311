from datetime import datetime
datetime.fromisoformat('not a date')

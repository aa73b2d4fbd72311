from datetime import datetime
datetime(2024, 13, 1)

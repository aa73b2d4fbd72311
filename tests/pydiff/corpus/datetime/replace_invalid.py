from datetime import date
date(2024, 1, 31).replace(month=2)

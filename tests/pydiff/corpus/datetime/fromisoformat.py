from datetime import datetime, date
print(datetime.fromisoformat('2024-05-06T07:08:09'), datetime.fromisoformat('2024-05-06'), date.fromisoformat('2024-12-31'), datetime.fromisoformat('2024-05-06 07:08:09.5'))

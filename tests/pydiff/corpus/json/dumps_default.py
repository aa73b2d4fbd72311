import json
from datetime import datetime, date
from decimal import Decimal
def encode(o):
    if isinstance(o, (datetime, date)):
        return o.isoformat()
    if isinstance(o, Decimal):
        return str(o)
    if isinstance(o, set):
        return sorted(o)
    raise TypeError(f'cannot encode {type(o).__name__}')
print(json.dumps({'when': datetime(2024, 5, 1, 12, 30), 'price': Decimal('9.99'), 'tags': {3, 1, 2}}, default=encode))
try:
    json.dumps({'f': encode}, default=encode)
except TypeError as e:
    print(e)
print(json.dumps([date(2024, 1, 1)], default=str))

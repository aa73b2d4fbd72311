import json
from decimal import Decimal
json.dumps(Decimal('1.5'))

import json
try:
    json.loads('{bad json}')
except ValueError as e:
    print('ValueError caught:', e, isinstance(e, json.JSONDecodeError))

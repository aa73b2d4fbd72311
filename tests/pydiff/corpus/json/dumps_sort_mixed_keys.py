import json
json.dumps({'a': 1, 2: 'b'}, sort_keys=True)

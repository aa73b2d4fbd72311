import json
json.dumps({'items': {1, 2}})

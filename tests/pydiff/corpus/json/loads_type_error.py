import json
json.loads(None)

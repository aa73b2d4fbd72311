import json
json.dump({}, None)

import json
body = '{"name": "ann", }'
data = json.loads(body)

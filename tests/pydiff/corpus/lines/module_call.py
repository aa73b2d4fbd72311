import json
v = json.loads(
    "{bad"
)

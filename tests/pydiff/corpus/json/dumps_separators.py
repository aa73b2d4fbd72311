import json
d = {'b': 1, 'a': [1, 2]}
print(json.dumps(d, separators=(',', ':')), json.dumps(d, separators=(', ', ' = ')), json.dumps(d, indent=1, separators=(';', ':')))

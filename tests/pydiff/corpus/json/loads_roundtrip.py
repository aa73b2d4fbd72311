import json
data = {'list': [1, 'two', {'three': 3.0}], 'unicode': 'ü', 'nested': {'deep': [[[]]]}, 'n': None}
text = json.dumps(data)
print(text)
print(json.loads(text) == data, json.loads(json.dumps(data, indent=2)) == data)

import json
data = {'user': 'ann', 'cart': [{'id': 1, 'qty': 2}, {'id': 7, 'qty': 1}], 'empty': [], 'none': {}}
print(json.dumps(data, indent=2))
print(json.dumps(data, indent=0))
print(json.dumps([1, [2, [3]]], indent='\t'))
print(json.dumps(data, indent=4, sort_keys=True))

import json
print(json.dumps({1: 'int', 2.5: 'float', True: 'bool', None: 'none', 'x': 'str'}))
print(json.dumps({(1, 2): 'tuple'}, skipkeys=True))

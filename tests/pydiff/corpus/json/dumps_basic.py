import json
print(json.dumps({'a': 1, 'b': [1, 2.5, None, True, False], 'c': 'text'}))
print(json.dumps([]), json.dumps({}), json.dumps('x'), json.dumps(3), json.dumps(None), json.dumps(1e100), json.dumps(0.1), json.dumps(-0.0), json.dumps(10 ** 30))
print(json.dumps((1, 2)), json.dumps({'t': (3, [4])}), json.dumps([[], {}, [[]]]))

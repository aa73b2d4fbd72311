import json

docs = ['{"a": 1,}', '[1, 2', '', '{"é": "ü"}\n  x', '{"k": tru}', '\n\n  [1,,2]', b'{"a" 1}']
for doc in docs:
    try:
        json.loads(doc)
    except json.JSONDecodeError as e:
        print(repr(e.msg), repr(e.doc), e.pos, e.lineno, e.colno)
        print(e.args)
        print(isinstance(e, ValueError), str(e))

try:
    json.loads('{"a": [1, 2}')
except ValueError as e:
    print(type(e).__name__, e.pos, e.colno)

import json
print(json.loads('{"a": 1, "b": [1, 2.5, null, true, false], "c": "text"}'))
print(json.loads('[]'), json.loads('{}'), json.loads('"x"'), json.loads('3'), json.loads('null'), json.loads(' -1.5e3 '), json.loads('12345678901234567890123'))
print(json.loads('NaN'), json.loads('Infinity'), json.loads('-Infinity'), json.loads('1E2'), json.loads('0.000001'), json.loads('-0'))
print(json.loads(b'{"bytes": true}'), json.loads('{"a": 1, "a": 2}'), type(json.loads('1.0')).__name__, type(json.loads('10')).__name__)

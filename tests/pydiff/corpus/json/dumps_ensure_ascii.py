import json
s = 'café – 😀 "quoted" back\\slash\ttab\nnew\x01\x7f'
print(json.dumps(s))
print(json.dumps(s, ensure_ascii=False))
print(json.dumps({'ключ': 'значение'}), json.dumps({'ключ': 'значение'}, ensure_ascii=False))

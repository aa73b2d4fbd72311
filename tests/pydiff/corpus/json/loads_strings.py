import json
print(json.loads(r'"a\"b\\c\/d\b\f\n\r\t"'), json.loads(r'"\u00e9\u20ac"'), json.loads(r'"\ud83d\ude00"'), json.loads('"café"'), len(json.loads(r'"\ud83d\ude00"')))

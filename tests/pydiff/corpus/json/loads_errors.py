import json
cases = ['', '  ', '{"a": 1,}', '[1,]', '"ab\\x"', '"a\nb"', '"abc', '{"a" 1}', '[1 2]', 'nul', '{', '[', '"\\u12"', '"\\u12zz"', '1 2', '-', '01', '1.', '{1: 2}', '[1, 2', "{'a': 1}", '{"a": 1}\n  x', '\n\n  [1,\n 2,]', 'True', '[1, 2, 3]]']
for text in cases:
    try:
        print(repr(text), json.loads(text))
    except json.JSONDecodeError as e:
        print(repr(text), type(e).__name__, e)

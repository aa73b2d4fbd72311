from json import dumps, loads, JSONDecodeError
print(loads(dumps({'x': [1, 2]})))
try:
    loads('[')
except JSONDecodeError as e:
    print(e)

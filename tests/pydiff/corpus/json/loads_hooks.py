import json
from decimal import Decimal
from collections import OrderedDict
print(json.loads("[1, 2.50, 3e2]", parse_float=Decimal), json.loads('{"x": 1.10}', parse_float=Decimal))
print(json.loads("[1, 20, -3]", parse_int=str), json.loads("[1.5, 2]", parse_int=float, parse_float=str))
print(json.loads("[NaN, Infinity, -Infinity]", parse_constant=lambda s: "<" + s + ">"))
def hook(d):
    print("hook", d)
    return {k.upper(): v for k, v in d.items()}
print(json.loads('{"a": {"b": 1}, "c": [{"d": 2}, {}]}', object_hook=hook))
print(json.loads('{"a": 1, "b": {"c": 2}, "a": 3}', object_pairs_hook=lambda p: p))
print(json.loads('{"z": 1, "a": 2}', object_pairs_hook=OrderedDict))
print(json.loads('{"z": 1}', object_pairs_hook=dict, object_hook=lambda d: 1/0))
print(json.loads('[1]', parse_int=None, object_hook=None))
try:
    json.loads("[1.5]", parse_float=lambda s: int(s))
except ValueError as e:
    print(e)
try:
    json.loads("[1]", foo=1)
except TypeError as e:
    print(e)
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
def as_point(d):
    if set(d) == {"x", "y"}:
        return Point(**d)
    return d
print(json.loads('{"points": [{"x": 1, "y": 2}, {"x": 3, "y": 4}], "n": 2}', object_hook=as_point))

from collections import OrderedDict
od = OrderedDict()
od['b'] = 1
od['a'] = 2
od['c'] = 3
print(od, list(od), od.keys(), repr(OrderedDict()))
od.move_to_end('b')
print(od)
od.move_to_end('b', last=False)
print(od)
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))
print(OrderedDict([('x', 1), ('y', 2)]), OrderedDict({'k': 'v'}), isinstance(od, dict), type(od).__name__)
print(OrderedDict.fromkeys('abc', 0), OrderedDict(a=1) | {'b': 2})
try:
    OrderedDict().popitem()
except KeyError as e:
    print('KeyError', e)
try:
    od.move_to_end('zz')
except KeyError as e:
    print('KeyError', e)
recent = OrderedDict()
for item in ['a', 'b', 'a', 'c', 'd', 'b']:
    recent[item] = True
    recent.move_to_end(item)
    while len(recent) > 3:
        recent.popitem(last=False)
print(list(recent))
print(od['missing'])

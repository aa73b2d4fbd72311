from collections import defaultdict
d = defaultdict(list)
d['a'].append(1)
d['a'].append(2)
d['b'].append(3)
print(d, d['c'], len(d), d.default_factory)
n = defaultdict(int)
for w in 'the cat and the hat and the bat'.split():
    n[w] += 1
print(n, dict(n), isinstance(n, dict), type(n).__name__)
print(defaultdict(None), defaultdict(list, {'x': [1]}, y=[2]), defaultdict(int, [('a', 1)]))
nested = defaultdict(lambda: defaultdict(int))
nested['x']['y'] += 2
print({k: dict(v) for k, v in nested.items()})
e = defaultdict(set)
e['k'].add(1)
print(e.get('missing'), 'missing' in e, e.get('k'), e.setdefault('z', 5), e)
e.default_factory = None
try:
    e['nope']
except KeyError as err:
    print('KeyError', err)
c = d.copy()
c['new'].append(0)
print(type(c).__name__, sorted(c), sorted(d), d == c, d == {'a': [1, 2], 'b': [3], 'c': []})
class Node:
    def __init__(self):
        self.children = []
tree = defaultdict(Node)
tree['root'].children.append('leaf')
print(tree['root'].children)
for bad in [lambda: defaultdict(5), lambda: defaultdict(list, 1, 2)]:
    try:
        bad()
    except TypeError as err:
        print('TypeError', err)
f = defaultdict(str)
print(repr(f['x']), f)
print(defaultdict(int).fromkeys('ab', 0))

from collections import Counter
import collections
c = Counter('abracadabra')
print(c)
print(c['a'], c['z'], 'z' in c, len(c))
print(c.most_common(2), c.most_common(), c.most_common(0), c.most_common(-1))
print(sorted(c.elements()), list(Counter(a=2, b=0, c=-1).elements()))
c['z'] += 3
c['b'] -= 1
print(c, c.total())
c.update('zzz')
c.update({'a': 10})
c.update(q=2)
print(c)
c.subtract('aaa')
c.subtract({'q': 5})
print(c)
del c['nothing']
del c['q']
print(c, repr(Counter()), str(Counter(x=1)))
print(Counter(a=3, b=1) + Counter(a=1, b=2, c=5), Counter(a=3, b=1) - Counter(a=1, b=2, c=5))
print(Counter(a=3, b=1) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2))
print(+Counter(a=3, b=-1, c=0), -Counter(a=3, b=-1))
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == {'a': 1}, Counter(a=1) != Counter(a=2))
print(isinstance(c, dict), isinstance(c, Counter), type(c), type(c).__name__, type(c) is collections.Counter)
d = dict(Counter('aab'))
print(d, type(d).__name__, type(Counter('ab').copy()).__name__)
visits = Counter()
for page in ['home', 'cart', 'home', 'checkout', 'home', 'cart']:
    visits[page] += 1
print(visits, dict(visits), list(visits), sorted(visits.items()))
print(Counter({'x': 'a', 'y': 'b'}), Counter(a=2.5, b='x'))
print(Counter(['a', 'b', 'a']).most_common(1)[0], Counter(apple=3, pear=3, fig=1))
print(f"{Counter('aa')}", Counter(Counter('ab')), Counter(c for c in 'xyx'))
print(Counter(a=1) | {'b': 2}, Counter('hello').keys(), Counter('hi').get('x'))
for bad in [lambda: Counter(5), lambda: Counter('a', 'b'), lambda: Counter(a=1) + 5,
            lambda: Counter().most_common('x'), lambda: Counter.fromkeys('ab'), lambda: Counter(a=1.5).elements()]:
    try:
        print(list(bad()))
    except (TypeError, NotImplementedError) as e:
        print(type(e).__name__, e)
print(Counter()['missing'] + 1)

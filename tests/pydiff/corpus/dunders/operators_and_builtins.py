class P:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        return P(self.x + o.x)
    def __lt__(self, o):
        return self.x < o.x
    def __repr__(self):
        return f'P({self.x})'
    def __hash__(self):
        return hash(self.x)
    def __eq__(self, o):
        return isinstance(o, P) and self.x == o.x
    def __call__(self, y):
        return self.x * y
    def __setitem__(self, k, v):
        print('set', k, v)
    def __delitem__(self, k):
        print('del', k)
print(P(1) + P(2))
print(sorted([P(3), P(1), P(2)]), min(P(3), P(1)), max([P(3), P(5)]))
print(P(1) < P(2), P(2) > P(1))
print(P(1) == P(1), P(1) != P(2))
print(P(3)(4), callable(P(1)), callable(1))
p = P(1)
p['k'] = 2
del p['k']
setattr(p, 'y', 5)
print(p.y, getattr(p, 'z', 'dflt'), hasattr(p, 'y'))
delattr(p, 'y')
print(hasattr(p, 'y'), vars(p))
print(divmod(7, -2), divmod(7.5, 2), pow(3, -1, 7), pow(2, 10, 1000))
print(ascii('héllo\n'), hash((1, 2)) == hash((1, 2)), format(3.14159, '.2f'))
print(ascii(['é', 'ok', '\u20ac', '\U0001f600']), ascii(P(2)))


class V:
    def __init__(self, n):
        self.n = n

    def __radd__(self, other):
        return V(other + self.n)

    def __neg__(self):
        return V(-self.n)

    def __gt__(self, other):
        return self.n > other.n

    def __repr__(self):
        return 'V(%d)' % self.n


print(1 + V(2), -V(3), sorted([V(2), V(1)], reverse=True), V(1) < V(2))
print(sum([V(1), V(2)], 0) if False else 'skip', max(V(1), V(3)))
try:
    V(1) * V(2)
except TypeError as e:
    print(e)
try:
    V(1) <= V(2)
except TypeError as e:
    print(e)
try:
    V(1)()
except TypeError as e:
    print(e)
try:
    setattr(V(1), 2, 3)
except TypeError as e:
    print(e)
for bad in [lambda: vars(1), lambda: setattr(V(1)), lambda: delattr(V(1)), lambda: delattr(V(1), 'q')]:
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)

import json
from collections import namedtuple, Counter, defaultdict

Item = namedtuple('Item', 'sku qty')
cart = [Item('apple', 2), Item('pear', 1)]
print(json.dumps(cart))
print(json.dumps({'cart': cart, 'first': cart[0]}, indent=2))
print(json.dumps(Item('x', Item('y', None)), separators=(',', ':')))
back = [Item(*row) for row in json.loads(json.dumps(cart))]
print(back, back == cart)
print(Counter([Item('a', 1), ('a', 1), Item('b', 2)]))
groups = defaultdict(list)
for it in cart + [Item('apple', 5)]:
    groups[it.sku].append(it)
print(dict(groups))
seen = {Item('a', 1): 'first'}
seen[('a', 1)] = 'second'
print(seen, len(seen))
print(sorted({Item('b', 1), Item('a', 2)}))
print(hash(Item('a', 1)) == hash(('a', 1)))
try:
    hash(Item([1], 2))
except TypeError as e:
    print("TypeError:", e)


class Tagged(namedtuple('Tagged', 'name')):
    def __eq__(self, other):
        return isinstance(other, Tagged) and self.name.lower() == other.name.lower()

try:
    {Tagged('A')}
except TypeError as e:
    print("TypeError:", e)
print(Tagged('A') == Tagged('a'), Tagged('A') == ('A',))

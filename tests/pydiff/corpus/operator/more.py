import operator
from operator import methodcaller, itemgetter
from collections import Counter, defaultdict
words = ['Banana', 'apple', 'Cherry']
print(sorted(words, key=methodcaller('lower')), list(map(methodcaller('replace', 'a', '@'), words)))
print(methodcaller('split', ',', maxsplit=1)('a,b,c'))
c = Counter(a=2)
print(itemgetter('a', 'zz')(c), operator.getitem(c, 'q'), operator.getitem(defaultdict(int), 'k'))
d = {'x': 1}
operator.setitem(d, 'y', 2)
operator.delitem(d, 'x')
print(d, operator.truth([]), operator.truth(3), operator.is_(None, None), operator.is_not(1, None))
print(operator.pos(-3), operator.invert(5), operator.inv(0), operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'))
try:
    operator.indexOf([1], 5)
except ValueError as e:
    print(e)
try:
    methodcaller(5)
except TypeError as e:
    print(e)
try:
    methodcaller('upper')(1)
except AttributeError as e:
    print(e)

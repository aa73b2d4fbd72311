import itertools as it
import operator
print(list(it.zip_longest('abc', [1, 2])))
print(list(it.zip_longest('ab', [1, 2, 3], fillvalue='-')))
print(list(it.zip_longest()), list(it.zip_longest([], [])))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], operator.mul)))
print(list(it.accumulate([3, 1, 4], max)), list(it.accumulate([1, 2], initial=100)), list(it.accumulate([])))
print(list(it.accumulate(['a', 'b', 'c'])), list(it.accumulate([], initial=0)))
print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.takewhile(lambda x: x < 3, [1, 2, 5, 1])))
print(list(it.dropwhile(lambda x: x < 3, [1, 2, 5, 1])), list(it.filterfalse(None, [0, 1, '', 'a'])))
print(list(it.filterfalse(lambda x: x % 2, range(6))), list(it.compress('abcdef', [1, 0, 1, 0, 1])))
print(list(it.pairwise('abcd')), list(it.pairwise([1])))
try:
    it.zip_longest([1], 5)
except TypeError as e:
    print(e)
try:
    it.zip_longest([1], fill=3)
except TypeError as e:
    print(e)
try:
    list(it.starmap(pow, [1]))
except TypeError as e:
    print(e)
try:
    it.takewhile(len)
except TypeError as e:
    print(e)
print(list(it.accumulate([1, 2, 3], lambda a, b: a * 10 + b)))

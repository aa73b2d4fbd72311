def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


gen = (x * x for x in range(5) if x % 2)
print(repr(gen)[:30], list(gen), list(gen))
print(sum(x for x in range(10)), ''.join(c.upper() for c in 'abc'), max(len(w) for w in ['a', 'bbb']))
print(any(x > 2 for x in count(100)), all(x < 2 for x in count(100)))
print(next(x for x in range(10) if x > 6))
print(dict((k, v) for k, v in [('a', 1)]), set(x % 3 for x in range(10)), tuple(x for x in 'ab'))
a, b = (x for x in [1, 2])
print(a, b)
nested = [[1, 2], [3]]
print(list(y for x in nested for y in x))

def noisy(n):
    for i in range(n):
        print('produce', i)
        yield i

print(next(x for x in noisy(100) if x > 1))
lazy = (x * 2 for x in noisy(3))
print('nothing yet')
for v in lazy:
    print('got', v)
    break
print(list(lazy))
try:
    print(sum(1 / x for x in [1, 2, 0, 4]))
except ZeroDivisionError as e:
    print('lazy error', e)

# Containers nested deeper than 200 levels compare as CPython compares them; far past its
# recursion limit it raises RecursionError (the exact depth depends on the frames running).
def nest(n, inner):
    a = inner
    for _ in range(n):
        a = [a]
    return a

print(nest(300, 1) == nest(300, 1), nest(300, 1) == nest(300, 2), nest(300, 1) != nest(300, 1))
print(nest(300, 1) < nest(300, 2), nest(900, 1) == nest(900, 1), nest(900, 1) <= nest(900, 1))
t1, t2 = (), ()
for _ in range(500):
    t1, t2 = (t1,), (t2,)
print(t1 == t2, t1 <= t2)
d1, d2 = {}, {}
for _ in range(400):
    d1, d2 = {'k': d1}, {'k': d2}
print(d1 == d2)
try:
    print(nest(5000, 1) < nest(5000, 1))
except RecursionError as e:
    print('RecursionError', e)
try:
    print(nest(5000, 1) == nest(5000, 2))
except RecursionError as e:
    print('RecursionError', e)
print([nest(5000, 1)] == [nest(5000, 1)])

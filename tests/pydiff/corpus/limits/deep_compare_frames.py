# The frames running share the recursion limit with a comparison of nested lists: 960
# levels compare at the top level, but 990 levels do not from 20 calls down (CPython's
# limit is 1000 frames and levels together; the depths stay away from it, as the frames of
# whatever runs the program count too).
def nest(n):
    a = []
    for _ in range(n):
        a = [a]
    return a


def compare(n):
    a, b = nest(n), nest(n)
    try:
        return a == b, a < b, a <= b, [a] == [b]
    except RecursionError as e:
        return str(e)


def down(k, n):
    if k == 0:
        return compare(n)
    return down(k - 1, n)


print(compare(960))
print(down(10, 900))
print(down(20, 990))
print(down(20, 5))
x, y = nest(970), nest(970)


def deep_eq(k):
    if k == 0:
        return x == y
    return deep_eq(k - 1)


print(deep_eq(10))
print(deep_eq(40))

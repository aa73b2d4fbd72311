# Equal constant set displays share the first one CPython compiles; these probe the order in
# which it compiles a module. Each pair is printed where the second one would show the
# first one's order.

# The `else` block of a `try` is compiled before its handlers.
try:
    pass
except {16, 8, 0}.__class__:
    pass
else:
    print("else", {0, 8, 16})

# A conditional expression: the test before the value.
print({1, 9, 17} if {17, 9, 1} else 0)


# A class: its body before its bases.
class A(type({2, 10, 18}) and object):
    print("body", {18, 10, 2})


# A comprehension: its element before its first iterable.
print([{3, 11, 19} for _ in [{19, 11, 3}]])


# A function: decorators, then defaults, then the body.
@(lambda f, s={20, 12, 4}: f)
def g(a={4, 12, 20}):
    return {12, 4, 20}


print(g.__defaults__, g())

# A generator expression: its body before its first iterable.
print(list({5, 13, 21} for _ in [{21, 13, 5}]))

# An assignment: the value before the target.
d = {}
d[str({6, 14, 22})] = {22, 14, 6}
print(d)

# A call: arguments in order, keywords after.
print(sep=str({24, 8, 16}), *[{16, 8, 24}])

# A dict comprehension: key, then value.
print({str({25, 9, 17}): {17, 9, 25} for _ in [1]})

# A `while` loop and a `match` guard.
i = 0
while {26, 10, 18} and i < 1:
    print({18, 10, 26})
    i += 1
match 1:
    case 1 if {27, 11, 19}:
        print({19, 11, 27})


# A nested function is compiled where it is defined, long before it runs.
def outer():
    def inner():
        return {28, 12, 20}

    return inner


print({20, 12, 28}, outer()())

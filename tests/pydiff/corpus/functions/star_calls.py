def h(*args, **kw):
    return args, kw
print(h(*range(3), x=1, **{'y': 2}))
print(h(*'ab', *[1], **{'a': 1}, b=2))
for bad in [lambda: h(1, **{'a': 1}, a=2), lambda: h(*5), lambda: h(**5), lambda: h(**{1: 2})]:
    try:
        bad()
    except TypeError as e:
        print(e)
def outer():
    def inner(x):
        pass
    inner()
outer()

def f():
    pass
def g():
    ...
print(f(), g())
if True:
    pass
print(...)

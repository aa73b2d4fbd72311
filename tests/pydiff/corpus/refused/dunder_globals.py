def f():
    return 1
print(f())
print(f.__globals__)

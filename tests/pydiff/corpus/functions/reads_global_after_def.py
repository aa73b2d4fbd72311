def f():
    return later
later = 'defined after def'
print(f())

def show(tag, v):
    print('eval', tag)
    return v
print(show('a', 1) + show('b', 2) * show('c', 3))
print(show('x', 0) or show('y', 5), show('z', 0) and show('w', 1))

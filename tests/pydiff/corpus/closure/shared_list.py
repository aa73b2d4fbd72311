def mk():
    items = []
    def add(i):
        items.append(i)
        return len(items)
    def get():
        return items
    return add, get
add, get = mk()
add('a')
add('b')
print(get(), add('c'))

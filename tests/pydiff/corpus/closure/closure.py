def outer(x):
    def inner():
        return x
    return inner()
print(outer(1))

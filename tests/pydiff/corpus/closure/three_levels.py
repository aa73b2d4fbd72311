def outer():
    x = 1
    def mid():
        def inner():
            return x + 1
        return inner()
    r = mid()
    x = 10
    return r, mid()
print(outer())

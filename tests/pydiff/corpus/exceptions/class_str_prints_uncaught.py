# __str__ of an uncaught exception runs once, when the traceback is printed.
class Noisy(KeyError):
    def __init__(self, key):
        super().__init__(key)
        self.key = key

    def __str__(self):
        print("making the text for", self.key)
        return "missing " + repr(self.key)


def lookup(d, k):
    if k not in d:
        raise Noisy(k)
    return d[k]


print(lookup({"a": 1}, "a"))
lookup({}, "cart")

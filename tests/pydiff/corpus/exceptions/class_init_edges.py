class E(Exception):
    def __init__(self, n=0):
        super().__init__(n)
        raise E(n + 1)
try:
    E()
except RecursionError as e:
    print("RecursionError")
class F(Exception):
    def __init__(self):
        return 5
try:
    F()
except TypeError as e:
    print(e)
class G(KeyError):
    def __init__(self, key):
        super().__init__(key)
        self.key = key
try:
    raise G("cart")
except KeyError as e:
    print(str(e), e.key, repr(e))

class P: pass
def f(a: int, /, b: str, *args: int, c: P = None, **kw: float) -> dict: pass
print(f.__annotations__)
def h(): pass
print(h.__annotations__, h.__annotations__ is h.__annotations__)
x: int = 5
y: "str"
print(__annotations__)
class C:
    a: int
    b: list = []
    def m(self):
        z: undefined_name = 3
        self.q: int = 4
        return z
print(C.__annotations__, C().m(), C.b)
try:
    print(a)
except NameError as e: print(e)
def k():
    w: int
    print(w)
try: k()
except UnboundLocalError as e: print(e)
q: undefined_thing = 7

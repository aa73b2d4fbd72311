def f(a): pass
f.__qualname__ = "X.y"
try: f()
except TypeError as e: print(e)
from dataclasses import dataclass
@dataclass(frozen=True)
class F:
    x: int
    y: int = 0
print(hash(F(1)) == hash((1, 0)), F(1).__hash__() == hash((1, 0)), {F(1): 1}[F(1)])
class Big:
    def __hash__(self):
        return 2 ** 62
print(hash(Big()) == 2 ** 62)

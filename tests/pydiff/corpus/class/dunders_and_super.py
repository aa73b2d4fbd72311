class R:
    def __repr__(self):
        return repr(self)
try:
    print(R())
except RecursionError as e:
    print("RecursionError")
class S:
    def __str__(self):
        return 5
try:
    print(S())
except TypeError as e:
    print(e)
class P:
    def __init__(self, x):
        self.x = x
p = P(1)
print(P(2).x, p.__dict__)
del p.x
try:
    p.x
except AttributeError as e:
    print(e)
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B+" + super().who()
class C(B):
    def who(self):
        return "C+" + super().who()
print(C().who(), [c.__name__ for c in C.__mro__])
class Counter:
    def __init__(self):
        self.n = 0
    def __bool__(self):
        return self.n > 0
x = Counter()
print(bool(x), "yes" if x else "no")
print(sorted([P(3), P(1), P(2)], key=lambda o: o.x)[0].x)
class T:
    pass
T.extra = 3
print(T.extra, T().extra)

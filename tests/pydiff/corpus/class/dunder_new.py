class Counter2:
    instances = 0
    def __new__(cls, *a, **k):
        cls.instances += 1
        return super().__new__(cls)
    def __init__(self, v):
        self.v = v
x = Counter2(1); y = Counter2(v=2)
print(Counter2.instances, x.v, y.v, type(x).__name__)
class Singleton:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            print("creating")
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self):
        print("init")
a = Singleton(); b = Singleton()
print(a is b, type(Singleton.__dict__["__new__"]) if False else "")
class Sub(Singleton):
    pass
print(Sub() is a, Sub._inst is a)
class Other:
    def __new__(cls, n):
        if n < 0:
            return "negative"
        inst = super().__new__(cls)
        inst.n = n
        return inst
    def __init__(self, n):
        print("init", n)
print(Other(-1), Other(3).n)
class Bad:
    def __new__(cls, x):
        return super().__new__(cls, x)
try:
    Bad(1)
except TypeError as e:
    print(e)
class NoInit:
    def __new__(cls, *args):
        return super().__new__(cls)
print(type(NoInit(1, 2)).__name__)
class Base:
    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        obj.created = True
        return obj
class Child(Base):
    def __init__(self, name):
        self.name = name
c = Child("z")
print(c.created, c.name, isinstance(c, Base))
try:
    super(Child, c).__new__()
except TypeError as e:
    print(e)
try:
    super(Child, c).__new__(5)
except TypeError as e:
    print(e)
try:
    Other()
except TypeError as e:
    print(e)
class Plain:
    pass
try:
    super(Child, c).__new__(Plain, 1)
except TypeError as e:
    print(e)
print(type(super(Child, c).__new__(Plain)).__name__)

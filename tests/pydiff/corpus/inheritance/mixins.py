class JsonMixin:
    def to_json(self):
        parts = [f'"{k}": {v!r}' for k, v in sorted(vars(self).items())]
        return "{" + ", ".join(parts) + "}"


class LogMixin:
    log = []

    def record(self, what):
        self.log.append(f"{type(self).__name__}: {what}")


class Base:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<{type(self).__name__} {self.name}>"


class Item(JsonMixin, LogMixin, Base):
    def __init__(self, name, price):
        super().__init__(name)
        self.price = price
        self.record("created")


class Cooperative:
    def __init__(self, **kw):
        print("Cooperative end", sorted(kw))


class Left(Cooperative):
    def __init__(self, left=0, **kw):
        print("Left", left)
        super().__init__(**kw)


class Right(Cooperative):
    def __init__(self, right=0, **kw):
        print("Right", right)
        super().__init__(**kw)


class Both(Left, Right):
    def __init__(self, **kw):
        print("Both")
        super().__init__(**kw)


i = Item("pen", 2)
print(i, i.to_json(), LogMixin.log)
print([c.__name__ for c in Item.__mro__])
Both(left=1, right=2, extra=3)
print([c.__name__ for c in Both.mro()])


class Attr1:
    x = 1


class Attr2:
    x = 2
    y = 20


class Attr3(Attr1, Attr2):
    pass


print(Attr3.x, Attr3.y, Attr3().x)

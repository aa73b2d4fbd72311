class Money:
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        if spec == "":
            return f"{self.cents / 100:.2f} EUR"
        if spec == "cents":
            return f"{self.cents}c"
        return format(self.cents / 100, spec)

    def __str__(self):
        return "Money"


m = Money(1999)
print(f"{m}", f"{m:cents}", f"{m:>10.1f}|", format(m), format(m, ".3f"), "{} {:cents}".format(m, m))
print(str(m), f"{m!s}", f"{m!r}"[:14], "%s" % m)


class Plain:
    def __str__(self):
        return "plain"


print(f"{Plain()}", format(Plain()), "{}".format(Plain()))
try:
    f"{Plain():>5}"
except TypeError as e:
    print(e)


class Bad:
    def __format__(self, spec):
        return 42


try:
    format(Bad(), "x")
except TypeError as e:
    print(e)


class Child(Money):
    def __format__(self, spec):
        return "child:" + super().__format__(spec)


print(f"{Child(5):cents}")


class Obj:
    def __format__(self, spec):
        return "[" + object.__format__(self, "") [:5] + "]" if spec == "" else spec * 2


print(f"{Obj():ab}", format(Obj())[:6])

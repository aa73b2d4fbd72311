# Exception classes with their own __str__ and __repr__, as views define them.
class PaymentError(Exception):
    def __init__(self, amount, reason="declined"):
        super().__init__(amount, reason)
        self.amount = amount
        self.reason = reason

    def __str__(self):
        return f"payment of {self.amount} {self.reason}"


class CardExpired(PaymentError):
    pass


class Quiet(Exception):
    def __repr__(self):
        return "<Quiet " + ",".join(map(str, self.args)) + ">"


class Both(ValueError):
    def __str__(self):
        return "both: " + super().__str__()

    def __repr__(self):
        return "Both!" + super().__repr__()


try:
    raise PaymentError(30)
except PaymentError as e:
    print(e, str(e), repr(e), e.args, e.amount)
    print(f"{e}|{e!r}|{e!s}|{e!s:>30}|", "%s / %r" % (e, e), "{} {!r}".format(e, e))
    try:
        f"{e:>30}"
    except TypeError as t:
        print(t)
    print([e], (e,), {"k": e})

try:
    raise CardExpired(12, "expired")
except PaymentError as e:
    print(type(e).__name__, e, repr(e), isinstance(e, CardExpired))

q = Quiet(1, "two")
print(q, repr(q), [q], f"{q!r}")
b = Both("x", 2)
print(b, repr(b), str(b), b.__str__(), b.__repr__())
print(Both(), repr(Both()))


class Bad(Exception):
    def __str__(self):
        return 42


try:
    str(Bad())
except TypeError as e:
    print("TypeError:", e)


class Loud(Exception):
    def __str__(self):
        print("computing the text")
        return "loud"


try:
    raise Loud()
except Loud as e:
    print("caught")
    print(e)


class Fails(Exception):
    def __str__(self):
        raise RuntimeError("no text")


try:
    print(Fails())
except RuntimeError as e:
    print("RuntimeError:", e)
print(repr(Fails("a")))


class Counter(Exception):
    count = 0

    def __str__(self):
        Counter.count += 1
        return f"seen {Counter.count}"


c = Counter()
print(c, c, Counter.count)
raise CardExpired(99)

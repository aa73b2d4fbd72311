class PaymentError(Exception):
    """A payment that did not go through."""

    retryable = False

    def __init__(self, reason, amount=0):
        super().__init__(f"payment failed: {reason}")
        self.reason = reason
        self.amount = amount

    def describe(self):
        return f"{self.reason} ({self.amount} cents)"

    @property
    def large(self):
        return self.amount > 1000


class CardDeclined(PaymentError):
    retryable = True


class Timeout(PaymentError):
    def __init__(self, seconds):
        super().__init__("timeout", amount=0)
        self.seconds = seconds

    def describe(self):
        return "after %ds: " % self.seconds + super().describe()


def charge(kind):
    if kind == "card":
        raise CardDeclined("card declined", amount=2500)
    if kind == "slow":
        raise Timeout(30)
    if kind == "plain":
        raise PaymentError
    return "ok"


for kind in ["card", "slow", "fine"]:
    try:
        print(charge(kind))
    except PaymentError as e:
        print(type(e).__name__, str(e), repr(e), e.args)
        print(e.describe(), e.reason, e.amount, e.large, e.retryable, isinstance(e, Exception))
        print(isinstance(e, CardDeclined), issubclass(type(e), PaymentError), PaymentError.retryable)

try:
    charge("plain")
except TypeError as e:
    print("TypeError", e)


class NoSuper(ValueError):
    def __init__(self, code):
        self.code = code


e = NoSuper(404)
print(e.args, str(e), e.code, isinstance(e, ValueError))
e.code = 500
e.note = "later"
print(e.code, e.note)
try:
    raise NoSuper(7)
except ValueError as err:
    print("caught", err.code, err.args)

try:
    NoSuper()
except TypeError as err:
    print(err)
try:
    PaymentError("x", bogus=1)
except TypeError as err:
    print(err)
try:
    e.missing
except AttributeError as err:
    print(err)


class Counted(Exception):
    count = 0

    def __init__(self, *args):
        Counted.count += 1
        super().__init__(*args)


Counted("a"), Counted("b", 2)
print(Counted.count, Counted("c", 3).args)
raise Timeout(5)

class Money:
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        return f"{self.cents / 100:{spec}}"


print(f"{Money(1234):.2f}")

class A:
    def who(self):
        return "A"

    def chain(self):
        return ["A"]


class B(A):
    def who(self):
        return "B"

    def chain(self):
        return ["B"] + super().chain()


class C(A):
    def who(self):
        return "C"

    def chain(self):
        return ["C"] + super().chain()


class D(B, C):
    def chain(self):
        return ["D"] + super().chain()


print(D.__mro__)
print(D.mro())
print(type(D.mro()).__name__, len(D.mro()))
print(D.__bases__, A.__bases__, B.__bases__)
d = D()
print(d.who(), d.chain())
print(isinstance(d, C), isinstance(d, A), isinstance(d, object))
print(issubclass(D, C), issubclass(C, B), issubclass(D, (int, B)))
print(super(B, d).who(), super(C, d).who())
print(super(D, d).chain())


class H(A, object):
    pass


print(H.__mro__, H.__bases__)


class X(B, C):
    pass


class Y(C, B):
    pass


print(X.__mro__)
print(Y.__mro__)

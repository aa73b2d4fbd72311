class A:
    pass


class B(A):
    pass


class C(A):
    pass


class X(B, C):
    pass


class Y(C, B):
    pass


try:
    class Z(X, Y):
        pass
except TypeError as e:
    print(e)


class Q(A, A):
    pass

class A:
    pass


class B(A):
    pass


print("defining")


class E(A, B):
    pass

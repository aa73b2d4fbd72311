class A:
    pass


class G(object, A):
    pass

class M:
    def __enter__(self):
        return self

    def __exit__(self, t, e, tb):
        return False


def f():
    with M() as m:
        a = 1
        b = [a][
            2
        ]
    return b


f()

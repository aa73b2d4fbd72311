class Empty:
    pass
e = Empty()
text = repr(e)
print(text.startswith('<__main__.Empty object at 0x'), text.endswith('>'))
print(Empty, type(e), type(e).__qualname__, Empty.__module__)
def f():
    class Local:
        def m(self):
            pass
    return Local
L = f()
print(L.__qualname__, L.m.__qualname__)
print(str(e) == repr(e), f'{e}' == repr(e))
class WithRepr:
    def __repr__(self):
        return 'W'
print([WithRepr(), (WithRepr(),)], {'k': WithRepr()}, str(WithRepr()), f'{WithRepr()!r}')
m = WithRepr().__repr__
print(m())

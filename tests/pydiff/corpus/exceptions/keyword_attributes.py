# AttributeError and NameError take name (and obj) as keywords; other exceptions take none.
for f in (lambda: AttributeError('x', foo=1), lambda: NameError('x', obj=1), lambda: ValueError('x', name=1)):
    try:
        f()
    except TypeError as e:
        print(e)
class MyAttr(AttributeError): pass
m = MyAttr('m', name='n')
print(m.name, m.obj, m.args)
print(NameError(name='q').name, NameError(name='q').args)
class N(NameError):
    pass
for f in (lambda: MyAttr("m", foo=1), lambda: N("m", obj=1)):
    try:
        f()
    except TypeError as e:
        print(e)

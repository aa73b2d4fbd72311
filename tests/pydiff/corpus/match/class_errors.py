class P:
    __match_args__ = ('x', 'y')
    def __init__(self, x, y): self.x = x; self.y = y
class Q:
    __match_args__ = ['x']
class R:
    __match_args__ = (1,)
class K:
    a = 1
    b = 1
def t(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
def f1():
    match 1:
        case len(): pass
def f2():
    match 1:
        case int(1, 2): pass
def f3():
    match Q():
        case Q(1): pass
def f4():
    match R():
        case R(1): pass
def f5():
    match P(1,2):
        case P(1, 2, 3): pass
def f6():
    match P(1,2):
        case P(1, x=2): pass
def f7():
    match {1: 2}:
        case {K.a: 1, K.b: 2}: pass
def f8():
    match 5:
        case object(1): pass
def f9():
    class S: pass
    match S():
        case S(1): pass
def f10():
    match 1:
        case 1 if 1/0: pass
for f in [f1,f2,f3,f4,f5,f6,f7,f8,f9,f10]: t(f)
match True:
    case 1: print("1 matches True")
match 1.0:
    case 1: print("1 matches 1.0")
match [1, 2]:
    case (a, b): print("tuple pattern list", a, b)
match (1, 2, 3, 4):
    case [a, *r, b]: print(a, r, b, type(r))
match "ab":
    case [a, b]: print("str seq")
    case str(s): print("str", s)
match {1: 2, 3: 4}:
    case {1: v, **rest}: print(v, rest)
match P(1, 2):
    case P(x=1, y=yy) as whole: print(yy, type(whole).__name__)
match range(3):
    case [0, *_]: print("range")
match 5:
    case bool(): print("bool")
    case int(n) if n > 3: print("int", n)
match False:
    case 0: print("0 matches False")
match 0:
    case False: print("False matches 0")
    case _: print("no: singleton uses is")

from collections import namedtuple

Point = namedtuple('Point', 'x y')
p = Point(1, 2)
cases = [
    lambda: Point(1),
    lambda: Point(),
    lambda: Point(1, 2, 3),
    lambda: Point(1, y=2, z=3),
    lambda: Point(1, x=2),
    lambda: Point._make([1]),
    lambda: Point._make([1, 2, 3]),
    lambda: p._replace(z=1, w=2),
    lambda: p._replace(1),
    lambda: p._asdict(1),
    lambda: p[2],
    lambda: p['x'],
    lambda: p - (1,),
    lambda: p.z,
    lambda: Point.z,
    lambda: namedtuple('E', '')(1),
    lambda: namedtuple('T', 'a b c', defaults=[1])(),
    lambda: namedtuple('T', 'a b c', defaults=[1, 2])(1, 2, 3, 4),
    lambda: namedtuple('T', 'a b c', defaults=[1, 2, 3])(1, 2, 3, 4),
    lambda: namedtuple('T', 'a b c d')(),
    lambda: Point(1, 2) < 3,
    lambda: Point(1, 2, 3, x=5),
    lambda: Point(1, 2, 3, z=5),
    lambda: Point(1, 2, 3, y=1),
    lambda: namedtuple('E', '')(1, y=2),
]
for f in cases:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

for args in [("1x", "a"), ("P", "a 1b"), ("P", "a def"), ("P", "a _b"), ("P", "a a"),
             ("P", ["a", 1]), ("class", "a"), ("P", ""), ("P", "a,b c,,d"), ("P", "a None")]:
    try:
        T = namedtuple(*args)
        print(args, T._fields)
    except Exception as e:
        print(args, type(e).__name__, e)

try:
    namedtuple('D', 'a b', defaults=[1, 2, 3])
except TypeError as e:
    print(e)
try:
    namedtuple('D')
except TypeError as e:
    print(e)
try:
    namedtuple('D', 'a', True)
except TypeError as e:
    print(e)
try:
    namedtuple('D', 'a', verbose=True)
except TypeError as e:
    print(e)

def setx():
    p.x = 5

def setz():
    p.z = 5

for f in [setx, setz]:
    try:
        f()
    except AttributeError as e:
        print("AttributeError:", e)
Point(1)

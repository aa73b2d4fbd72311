class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class Plain:
    def __init__(self):
        self.name = "plain"


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point3(x, y, z=0):
            return f"flat 3d at {x},{y}"
        case Point(x=0, y=y):
            return f"on the y axis at {y}"
        case Point(x, 0):
            return f"on the x axis at {x}"
        case Point() as pt if pt.x == pt.y:
            return f"diagonal {pt}"
        case Point(x, y):
            return f"somewhere {x},{y}"
        case Plain(name=n):
            return f"plain named {n}"
        case Plain(missing=m):
            return "never"
        case int(n) | float(n):
            return f"number {n}"
        case str(s) if s:
            return f"text {s!r}"
        case list([a, b]):
            return f"list of two {a} {b}"
        case dict({"k": v}):
            return f"dict with k={v}"
        case tuple((a,)):
            return f"one-tuple {a}"
        case bool(b):
            return "never: bool is an int"
        case _:
            return "unknown"


for v in [Point(0, 0), Point3(1, 2, 0), Point(0, 5), Point(4, 0), Point(3, 3), Point(1, 2),
          Plain(), 7, 2.5, True, "hi", "", [1, 2], {"k": 9}, (5,), None]:
    print(where(v))

match 5:
    case object():
        print("everything is an object")

class Missing:
    pass

match Missing():
    case Missing(attr=1):
        print("no")
    case Missing():
        print("a missing attribute fails the pattern")

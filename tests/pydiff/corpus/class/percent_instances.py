from collections import namedtuple


class Item:
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return f"item {self.name}"

    def __repr__(self):
        return f"Item({self.name!r})"


a, b = Item("pen"), Item("ink")
print("%s" % a, "%r" % a, "%s and %r" % (a, b), "%(x)s/%(y)r" % {"x": a, "y": b})
print("%-12s|%12r|%.4s" % (a, b, a), "%s" % [a, b], "%s" % ((a, b),), "%a" % Item("é"))
Point = namedtuple("Point", "x y")
print("%s %s" % Point(1, 2), "%r" % (Point(1, 2),))


class Boom:
    def __str__(self):
        raise ValueError("no str")


try:
    "%s" % Boom()
except ValueError as e:
    print("raised", e)
try:
    "%d" % a
except TypeError as e:
    print(e)

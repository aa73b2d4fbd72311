class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    @property
    def norm(self):
        return abs(self.x) + abs(self.y)
for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2).z]:
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
p = Point(1, -2)
print(p.norm)
p.norm = 5

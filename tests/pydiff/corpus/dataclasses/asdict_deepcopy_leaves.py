from collections import deque
from dataclasses import asdict, astuple, dataclass, field


class Tag:
    def __init__(self, name):
        self.name = name


@dataclass
class Order:
    items: set = field(default_factory=set)
    queue: deque = field(default_factory=deque)
    tag: Tag = None


o = Order({3, 1}, deque([[1]]), Tag("gift"))
d = asdict(o)
print(d["items"], d["items"] is o.items, d["queue"], d["queue"][0] is o.queue[0])
print(d["tag"].name, d["tag"] is o.tag, asdict(Order(tag=object()))["tag"] is None)
t = astuple(o)
print(t[0] == o.items, t[2] is o.tag, t[2].name)

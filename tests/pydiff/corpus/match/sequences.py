def show(v):
    match v:
        case [first, *middle, last]:
            print("first", first, "middle", middle, "last", last)
        case [*only]:
            print("short", only)

show([1, 2, 3, 4, 5])
show((1, 2))
show([1])
show([])
show(range(10, 14))

match [1, 2, 3]:
    case [*head, 3]:
        print("head", head, type(head).__name__)

match (1, 2, 3):
    case 1, *rest:
        print("open sequence", rest)

match [0, 1, 2, 3]:
    case [0, *_, 3]:
        print("starts 0 ends 3")

match "abc":
    case [*chars]:
        print("a string is a sequence?")
    case str() as s:
        print("a string is not a sequence pattern", s)

match b"ab":
    case [a, b]:
        print("bytes seq")
    case _:
        print("bytes are not sequences either")

match {1: 2}:
    case [k]:
        print("dict seq")
    case _:
        print("a dict is not a sequence")

match [[1, 2], [3, 4]]:
    case [[a, b], [c, d]]:
        print(a + b + c + d)

match 1, 2:
    case x, y:
        print("tuple subject", x, y)

match [1, 2]:
    case (1, 2):
        print("tuple pattern matches a list")

match (1, 2):
    case [1, 2]:
        print("list pattern matches a tuple")

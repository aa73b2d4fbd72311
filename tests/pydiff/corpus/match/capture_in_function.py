def parse(tokens):
    match tokens:
        case [("num", value), *rest]:
            kind = "number"
        case [("name", value), *rest]:
            kind = "name"
        case _:
            return None
    return kind, value, rest

print(parse([("num", 4), ("op", "+")]))
print(parse([("name", "x")]))
print(parse([]))

def unbound(x):
    match x:
        case [y]:
            pass
    return y

print(unbound([3]))
print(unbound(5))

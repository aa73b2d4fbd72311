command = "go north"
match command.split():
    case [action]:
        print("single", action)
    case [action, obj]:
        print("pair", action, obj)

match (1, 2):
    case (a, b) if a > b:
        print("descending")
    case (a, b) if a < b:
        print("ascending", a, b)

# bindings made before a failing guard stay bound
match 42:
    case n if n > 100:
        print("big")
    case _:
        print("n is", n)

match [1, [2, 3]]:
    case [x, [y, z]] as whole:
        print(x, y, z, whole)

match {"user": {"name": "ann", "roles": ["admin", "dev"]}}:
    case {"user": {"name": str(name), "roles": [*_, "dev"]}}:
        print("developer", name)

match 3:
    case (1 | 2 | 3) as small:
        print("small", small)

def f(p):
    match p:
        case [] | ():
            return "empty"
        case [_]:
            return "one"
        case [_, _, *_]:
            return "many"
        case _:
            return "not a sequence"

for p in [[], (), [1], (1, 2), [1, 2, 3], "ab", {"a": 1}, range(5), 7]:
    print(repr(p), f(p))

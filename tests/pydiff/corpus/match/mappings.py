def route(req):
    match req:
        case {"action": "get", "key": key}:
            return f"get {key}"
        case {"action": "set", "key": key, "value": value}:
            return f"set {key}={value}"
        case {"action": action, **rest}:
            return f"unknown {action} with {sorted(rest)}"
        case {}:
            return "no action"
        case _:
            return "not a mapping"

print(route({"action": "get", "key": "a"}))
print(route({"action": "set", "key": "a", "value": 1, "extra": 2}))
print(route({"action": "zap", "b": 1, "a": 2}))
print(route({"other": 1}))
print(route({}))
print(route([("action", "get")]))

match {"a": 1, "b": 2, "c": 3}:
    case {"a": 1, **others}:
        print(others, type(others).__name__)

match {1: "one", 2: "two"}:
    case {1: x, 2: y}:
        print(x, y)

match {True: "t"}:
    case {1: v}:
        print("1 finds True", v)

class K:
    a = "x"
    b = "y"

match {"x": 10, "y": 20}:
    case {K.a: first, K.b: second}:
        print(first, second)

match {"x": None}:
    case {"x": None}:
        print("None value")

match {"x": 1}:
    case {"x": 1, "y": 2}:
        print("no")
    case {"x": 1, **rest} if not rest:
        print("only x", rest)

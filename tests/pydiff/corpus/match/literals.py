def describe(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 2.5:
            return "two and a half"
        case "hello" | "hi":
            return "greeting"
        case b"raw":
            return "bytes"
        case None:
            return "nothing"
        case True:
            return "true"
        case False:
            return "false"
        case "a" "b":
            return "joined"
        case _:
            return "other"

for v in [0, 1, 3, -1, 2.5, "hi", b"raw", None, True, False, "ab", 0.0, 1.0, 7, [1], "x"]:
    print(repr(v), describe(v))

match 10:
    case 0x0A:
        print("hex ten")

match -0.0:
    case 0:
        print("minus zero is zero")

x = 5
match x:
    case 1:
        print("one")
print("no case matched, still here")

class K:
    a = 1
    b = 1

print("before")
match {1: "x", 2: "y"}:
    case {K.a: first, K.b: second}:
        print("never")

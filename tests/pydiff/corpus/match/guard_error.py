values = {"n": 0}
match values:
    case {"n": n} if 10 / n:
        print("never")

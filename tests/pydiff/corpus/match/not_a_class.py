def f():
    return 1

match 1:
    case 2:
        pass
    case f():
        pass

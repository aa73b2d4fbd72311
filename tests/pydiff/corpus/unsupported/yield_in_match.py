def g(x):
    match x:
        case 1:
            yield 2

match 1:
    case 1:
        pass
    print(1)

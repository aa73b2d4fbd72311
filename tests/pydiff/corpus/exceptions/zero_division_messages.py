for a, b in [(1, 0), (1.0, 0), (1, 0.0)]:
    for op in ['/', '//', '%']:
        try:
            if op == '/':
                a / b
            elif op == '//':
                a // b
            else:
                a % b
        except ZeroDivisionError as e:
            print(type(a).__name__, op, type(b).__name__, e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print(e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print(e)

# A float power too large for a double: CPython raises it with errno's two arguments.
for a, b in [(10.0, 400), (-3.5, 1001.0), (2, 2000.0)]:
    try:
        a ** b
    except OverflowError as e:
        print(type(e).__name__, e.args, str(e), repr(e), len(e.args))
try:
    pow(1e200, 2.0)
except OverflowError as e:
    print(e.args[0] + 1, e.args[1].upper())
x = 1e300
try:
    x **= 3
except ArithmeticError as e:
    print("caught", e)
print(x)
y = 7.5 ** 900

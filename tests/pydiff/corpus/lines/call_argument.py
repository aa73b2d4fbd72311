def f(a, b):
    return a + b
d = {"a": 1}
try:
    x = f(
        1,
        d["b"],
    )
except KeyError as e:
    print("caught")
y = [
    1,
    2,
    int("x"),
]

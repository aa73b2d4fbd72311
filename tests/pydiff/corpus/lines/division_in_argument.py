def g(x):
    return x
result = g(
    1 /
    0
)

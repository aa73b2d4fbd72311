def double(x):
    return x * 2
def apply(f, v):
    return f(v)
ops = [double, abs, str, len]
print(apply(double, 4), [f(-3) if f is not len else f('abc') for f in ops], double.__name__)

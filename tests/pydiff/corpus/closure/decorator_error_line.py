def needs_two(a, b):
    return a
@needs_two
def f():
    pass

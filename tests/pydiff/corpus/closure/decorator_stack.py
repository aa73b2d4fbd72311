calls = []
def logged(fn):
    def wrapper(*args, **kwargs):
        calls.append(fn.__name__)
        return fn(*args, **kwargs)
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    wrapper.__wrapped__ = fn
    return wrapper
def repeat(n):
    def deco(fn):
        def w(*a, **k):
            return [fn(*a, **k) for _ in range(n)]
        return w
    return deco
@logged
@repeat(2)
def hello(name, greeting='hi'):
    "Says hello."
    return f'{greeting} {name}'
print(hello('bob'))
print(hello('ann', greeting='yo'))
print(hello.__name__, hello.__doc__, hello.__wrapped__.__qualname__, calls)

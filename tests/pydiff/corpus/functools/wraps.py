import functools
from functools import wraps

def count_visits(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        wrapper.calls += 1
        return view(request, *args, **kwargs)
    wrapper.calls = 0
    return wrapper

@count_visits
def home(request):
    """The home page."""
    return 'home for ' + request

print(home('ann'), home('bob'), home.calls)
print(home.__name__, home.__qualname__, home.__doc__, home.__module__)
print(home.__wrapped__('cy'), home.__wrapped__.__name__, sorted(home.__dict__))

def plain(f):
    def inner(*a):
        return f(*a)
    return inner

@plain
def g():
    "doc of g"
print(g.__name__, g.__doc__)

def tagged(tag):
    def deco(f):
        @functools.wraps(f)
        def run(*args):
            return f'<{tag}>{f(*args)}</{tag}>'
        return run
    return deco

@tagged('b')
@tagged('i')
def hello(name):
    return 'hi ' + name
print(hello('x'), hello.__name__, hello.__wrapped__.__name__, hello.__wrapped__.__wrapped__('y'))

def f1():
    pass
f1.extra = 5
def f2():
    pass
functools.update_wrapper(f2, f1)
print(f2.__name__, f2.extra, f2.__wrapped__ is f1)
w = wraps(len)(lambda x: 0)
print(w.__name__, w.__wrapped__ is len)
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)

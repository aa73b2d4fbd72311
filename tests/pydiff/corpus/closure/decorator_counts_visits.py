def count_calls(fn):
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)
    wrapper.calls = 0
    return wrapper
@count_calls
def view(request):
    return 'ok ' + request
print(view('a'), view('b'), view.calls)
print(view.__dict__)
def login_required(view):
    def check(request, *args, **kwargs):
        if not request.get('user'):
            return 'redirect /login/'
        return view(request, *args, **kwargs)
    return check
@login_required
def profile(request, tab='main'):
    return 'profile of ' + request['user'] + ' ' + tab
print(profile({}), profile({'user': 'ann'}), profile({'user': 'bo'}, tab='x'))

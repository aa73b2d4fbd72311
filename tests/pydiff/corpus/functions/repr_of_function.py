def view(request):
    return 1
print(type(view).__name__, callable(view), callable(3), view.__name__)

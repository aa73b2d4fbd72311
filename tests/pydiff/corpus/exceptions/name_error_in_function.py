def view(request):
    return reqest
view(1)

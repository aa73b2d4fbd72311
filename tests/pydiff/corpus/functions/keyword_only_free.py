def area(w, h):
    return w * h
print(area(h=2, w=5), area(3, h=4))

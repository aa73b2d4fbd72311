def nothing():
    pass
def early(x):
    if x:
        return
    return 'late'
print(nothing(), early(1), early(0))

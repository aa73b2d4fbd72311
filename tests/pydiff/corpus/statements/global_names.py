counter = 0
def bump():
    return counter + 1
counter = bump()
counter = bump()
print(counter)

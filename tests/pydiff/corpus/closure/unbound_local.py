x = 10
def r():
    print(x)
    x = 1
r()

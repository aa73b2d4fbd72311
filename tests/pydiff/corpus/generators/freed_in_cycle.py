def gen(n):
    try:
        yield 1
    finally:
        print("finally", n)

class Box:
    pass

b = Box()
b.g = gen("cycle")
b.me = b
next(b.g)
del b
print("made garbage")
junk = []
for i in range(2000):
    junk.append([i])
print("end")

# yield inside try/finally: the finally runs when the generator ends, is closed or freed
def managed(name):
    print("open", name)
    try:
        yield 1
        yield 2
    finally:
        print("close", name)


for x in managed("a"):
    print(x)

for x in managed("b"):
    print("first", x)
    break
print("after the break")

g = managed("c")
print(next(g))
g.close()
print("closed", list(g))

g = managed("d")
print(next(g))
g = None
print("rebound")

g = managed("e")
next(g)
del g
print("deleted")


def use():
    h = managed("f")
    print(next(h))
    return "returned"


print(use())
print(next(managed("g")))
print("done")


def nested():
    try:
        try:
            yield "inner"
        finally:
            print("inner finally")
        yield "between"
    finally:
        print("outer finally")


n = nested()
print(next(n), next(n))
n.close()
n.close()

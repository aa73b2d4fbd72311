# __context__: the exception being handled where another is raised, and identity of copies.
try:
    try:
        1 / 0
    except ZeroDivisionError as first:
        saved = first
        raise ValueError("second")
except ValueError as second:
    print(repr(second.__context__), second.__context__ is saved)
    print(second.__cause__, second.__suppress_context__)

def lookup(d):
    return d["missing"]

try:
    try:
        raise OSError("disk")
    except OSError:
        lookup({})
except KeyError as e:
    print(repr(e), repr(e.__context__))

# Raised and caught inside a handler: the context is the outer one.
try:
    raise TypeError("outer")
except TypeError as outer:
    try:
        [][1]
    except IndexError as inner:
        print(repr(inner.__context__), inner.__context__ is outer)

# A bare raise keeps the same object; nothing is its own context.
try:
    try:
        raise KeyError("k")
    except KeyError as a:
        keep = a
        raise
except KeyError as b:
    print(b is keep, b.__context__)

# In finally.
try:
    try:
        raise ValueError("in try")
    finally:
        try:
            raise RuntimeError("in finally")
        except RuntimeError as r:
            print(repr(r.__context__))
except ValueError as v:
    print("escaped", repr(v), v.__context__)

# Raising a saved exception while handling another sets its context; a loop is cut.
try:
    raise KeyError("a")
except KeyError as a:
    a_saved = a
try:
    try:
        raise ValueError("b")
    except ValueError as b:
        b_saved = b
        raise a_saved
except KeyError as again:
    print(again is a_saved, repr(again.__context__), b_saved.__context__)
try:
    try:
        raise a_saved
    except KeyError:
        raise b_saved
except ValueError as e:
    print(repr(e.__context__), repr(a_saved.__context__))

e1 = ValueError("same")
print(e1 == e1, e1 == ValueError("same"), id(e1) == id(e1))
try:
    raise e1
except ValueError as got:
    print(got is e1, got == e1, id(got) == id(e1), {got: 1}[e1])

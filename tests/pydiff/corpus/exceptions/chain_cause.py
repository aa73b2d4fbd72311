# raise ... from ...: __cause__, __suppress_context__, and the context kept beside them.
def parse(text):
    try:
        return int(text)
    except ValueError as err:
        raise KeyError("bad number") from err

try:
    parse("x")
except KeyError as e:
    print(type(e.__cause__).__name__, e.__cause__)
    print(e.__suppress_context__)
    print(type(e.__context__).__name__, e.__context__ is e.__cause__)

try:
    try:
        {}["k"]
    except KeyError:
        raise ValueError("hidden") from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__, repr(e.__context__))

try:
    raise RuntimeError("boom") from ZeroDivisionError
except RuntimeError as e:
    print(repr(e.__cause__), e.__context__)

fresh = ValueError("new")
print(fresh.__cause__, fresh.__context__, fresh.__suppress_context__)
fresh.__cause__ = KeyError("why")
print(repr(fresh.__cause__), fresh.__suppress_context__)
fresh.__suppress_context__ = False
print(fresh.__suppress_context__)
fresh.__context__ = None
print(fresh.__context__)
for bad in [("__cause__", 3), ("__context__", "x"), ("__suppress_context__", 1)]:
    try:
        setattr(fresh, bad[0], bad[1])
    except TypeError as e:
        print("TypeError", e)
try:
    raise ValueError from 5
except TypeError as e:
    print("TypeError", e)

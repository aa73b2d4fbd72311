def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise KeyError(text) from e
try:
    parse("x")
except KeyError as e:
    print("caught", repr(e))
try:
    raise ValueError("quiet") from None
except ValueError as e:
    print(e)
try:
    raise ValueError("a") from 5
except TypeError as e:
    print(e)
raise RuntimeError("last") from ValueError

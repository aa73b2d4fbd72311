try:
    raise ValueError('msg', 3)
except ValueError as e:
    print(e.args, str(e), repr(e), type(e).__name__, isinstance(e, Exception), isinstance(e, ValueError))
try:
    raise KeyError('k')
except LookupError as e:
    print(repr(e), str(e), e.args)

# An exception whose argument is an instance: str() uses the instance's __str__ (a KeyError
# its __repr__), repr() the instance's __repr__.
class K:
    def __repr__(self):
        return 'K!'

    def __str__(self):
        return 'Kstr'


for e in [KeyError(K()), ValueError(K()), KeyError(K(), 1), KeyError(), KeyError('a')]:
    print(e, str(e), repr(e), e.args)
try:
    {}[K()]
except KeyError as e:
    print(e, repr(e), f'{e}')
try:
    {1: 2}.pop(K())
except Exception as e:
    print(type(e).__name__, e)

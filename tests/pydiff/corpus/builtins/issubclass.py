class A: pass
class B(A): pass
print(issubclass(B, A), issubclass(A, B), issubclass(bool, int), issubclass(KeyError, LookupError), issubclass(B, (int, A)), issubclass(int, object), issubclass(A, int))
try:
    issubclass(1, int)
except TypeError as e:
    print(e)
try:
    issubclass(A, 1)
except TypeError as e:
    print(e)
class E(ValueError): pass
print(issubclass(E, Exception), issubclass(E, KeyError))

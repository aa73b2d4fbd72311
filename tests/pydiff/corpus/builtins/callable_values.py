print(callable(len), callable(print), callable('x'), callable(str), callable(None))

print(isinstance(KeyError(), LookupError), isinstance(ValueError(), KeyError), isinstance(ZeroDivisionError(), ArithmeticError))

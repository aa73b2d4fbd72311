for exc in [KeyError, IndexError, ZeroDivisionError, TypeError, ValueError]:
    try:
        raise exc('x')
    except LookupError:
        print(exc.__name__, 'is a LookupError')
    except ArithmeticError:
        print(exc.__name__, 'is an ArithmeticError')
    except Exception as e:
        print(exc.__name__, 'is just an Exception', repr(e))

try:
    1 / 0
except ZeroDivisionError as e:
    raise ValueError('x') from e

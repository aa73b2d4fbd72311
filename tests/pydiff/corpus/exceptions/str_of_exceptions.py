for e in [ValueError(), ValueError(''), ValueError('x'), ValueError(1, 2), KeyError('k'), KeyError(), KeyError(1, 2), IndexError('i'), TypeError(None)]:
    print(repr(e), '|', str(e), '|', e.args)

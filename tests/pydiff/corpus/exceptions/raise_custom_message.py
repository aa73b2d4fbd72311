raise ValueError('bad input: %d' % 42)

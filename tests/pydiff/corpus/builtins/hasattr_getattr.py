print(hasattr('a', 'upper'), hasattr('a', 'nope'), getattr('abc', 'upper')(), getattr([], 'nope', 'fallback'))

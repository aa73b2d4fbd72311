import itertools
a, b = itertools.tee([1, 2])

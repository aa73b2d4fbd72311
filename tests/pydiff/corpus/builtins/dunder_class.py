print(().__class__)

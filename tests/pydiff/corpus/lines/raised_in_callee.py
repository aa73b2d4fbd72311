def h(a, b):
    raise ValueError("in h")
h(1,
  2)

d = {}
d[
  "missing"
]

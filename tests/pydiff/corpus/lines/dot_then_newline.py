x = [1]
r = (x.
     pop(3))

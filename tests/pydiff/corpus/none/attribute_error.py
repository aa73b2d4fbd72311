x = None
x.upper()

d = {'x': 1}
print(d.get('x'), d.get('y'), d.get('y', 0), d.setdefault('y', 5), d.setdefault('x', 99), d)

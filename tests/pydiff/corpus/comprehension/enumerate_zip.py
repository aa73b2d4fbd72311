a = ['x', 'y']
b = [1, 2]
print([f'{i}:{v}' for i, v in enumerate(a)], {k: v for k, v in zip(a, b)}, [p * q for p, q in zip(b, b)])

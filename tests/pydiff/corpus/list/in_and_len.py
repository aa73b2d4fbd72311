l = ['a', 'b']
print('a' in l, 'c' not in l, len(l), len([]), len([[]]))

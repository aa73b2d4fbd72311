name = 'Ann'
n = 3
print(f'{name} has {n} items', f'{n + 1}', f'{name!r}', f'{name!s}', f'{{braces}}', f'{n * 2 = }', f'{name=}')

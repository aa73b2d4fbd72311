x = 3
name = 'Ann'
print(f'{x = }', f'{x=}', f'{ x = }', f'{x = !r}', f'{name = !r:>8}', f'{x = :>5}', f'{x*2=:03d}', f'{name=!s}')
w = 6
print(f'{x:{w}}|', f'{3.14159:.{x}f}', f'{name:>{w}}|', f'{x = :{w}}|')

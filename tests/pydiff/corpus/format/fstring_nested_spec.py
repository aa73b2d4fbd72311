width = 8
prec = 2
v = 2.71828
print(f'[{v:{width}.{prec}f}]', f'[{"x":{"^"}{width}}]', f'[{v:>{width}}]')

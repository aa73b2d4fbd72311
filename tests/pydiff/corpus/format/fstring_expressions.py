items = {'a': 1}
print(f"{items['a']}", f'{len(items)}', f'{[x * 2 for x in range(3)]}', f'{3 if True else 4}', f'{"nested"}')

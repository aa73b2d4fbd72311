print(f'{5:.2}')

format(1, 'z')

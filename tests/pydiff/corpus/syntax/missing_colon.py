if True
    print('x')

try:
    print('start')
    int('x')
finally:
    print('finally runs')

try:
    pass
except ValueError:
    print('no')
else:
    print('else then error')
    [].pop()

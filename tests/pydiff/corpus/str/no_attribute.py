print('abc'.push('d'))

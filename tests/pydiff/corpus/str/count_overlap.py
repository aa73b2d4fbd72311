print('aaaa'.count('aa'), 'banana'.count('an'), 'abc'.count('abc'), 'abc'.count('d'))

'abc'.split('')

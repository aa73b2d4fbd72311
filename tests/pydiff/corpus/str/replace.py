print('aaaa'.replace('a', 'b', 2), 'hello'.replace('l', ''), 'abc'.replace('', '-'), 'x'.replace('y', 'z'))

print('a b  c'.split(), 'a,b,,c'.split(','), 'a b c d'.split(' ', 2), '  lead'.split(), ''.split(), ''.split(','))
print('a-b-c'.rsplit('-', 1), 'one  two'.split(' '), 'x'.split('x'), 'a\tb\nc'.split())

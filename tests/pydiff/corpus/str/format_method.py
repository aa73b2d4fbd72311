print('{} and {}'.format('a', 'b'), '{1}{0}'.format('x', 'y'), '{name}!'.format(name='Ann'), '{:>5}|{:<5}|{:^5}'.format(1, 2, 3))
print('{0[0]} {0[1]}'.format(['p', 'q']), '{d[k]}'.format(d={'k': 'v'}), '{{literal}}'.format())

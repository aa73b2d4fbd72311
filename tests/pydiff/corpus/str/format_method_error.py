print('{} {}'.format('only one'))

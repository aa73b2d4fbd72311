print({x % 3 for x in range(10)}, {c for c in 'mississippi'} == set('misp'), len({1, 1.0, True}))

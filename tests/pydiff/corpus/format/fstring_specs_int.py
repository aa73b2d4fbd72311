n = 1234567
for spec in ['d', '10d', '<10d', '^10', '010d', '+d', ' d', ',', '_', 'x', 'X', '#x', 'o', '#o', 'b', '#b', 'e', '.2f', '%', 'c']:
    print(spec, format(n if spec != 'c' else 65, spec))

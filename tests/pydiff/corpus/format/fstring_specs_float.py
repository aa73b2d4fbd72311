f = 3.14159
for spec in ['', 'f', '.2f', '10.3f', '<10.1f', '+.1f', 'e', '.3e', 'E', 'g', '.3g', 'G', '%', '.1%', ',.2f', '010.2f', '^12.4', 'n', '.0f', '#.0f']:
    print(repr(spec), format(f, spec), format(-f * 1000000, spec))

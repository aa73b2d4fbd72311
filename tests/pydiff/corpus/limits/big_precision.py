# Precisions past 65535 digits, and widths and precisions too big for a C int.
s = '%.65536f' % 1.5
print(len(s), s[:5], s[-3:])
s = '%.70000e' % 1.5
print(len(s), s[:5], s[-6:])
print('%.70000g' % 1.5, len('%#.70000g' % 1.5))
print(len('%.2000f' % 2**-1074), ('%.2000f' % 2**-1074)[1070:1090])
print(('%.1500e' % 0.1)[795:805])
print(len('{:.65536f}'.format(1.5)), len(format(1.5, '.70000e')), len(f'{2.5:.66000g}'))
print(len('%200000d' % 7), len('{:>150000}'.format('x')))
print(('%.70000f' % 1e300)[295:305], len(format(0.5, '.67000%')))
for fmt in ['%.99999999999999999999999f', '%.2147483648f', '%99999999999999999999d']:
    try:
        print(fmt % 1.5)
    except ValueError as e:
        print(fmt, 'ValueError', e)
for spec in ['.99999999999999999999f', '.2147483648f', '99999999999999999999']:
    try:
        print(format(1.5, spec))
    except ValueError as e:
        print(spec, 'ValueError', e)

try:
    print('%d' % 'x')
except TypeError as e:
    print(e)
try:
    print('%s %s' % ('a',))
except TypeError as e:
    print(e)
try:
    print('%s' % ('a', 'b'))
except TypeError as e:
    print(e)

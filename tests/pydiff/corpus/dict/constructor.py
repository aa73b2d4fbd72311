print(dict(), dict(a=1, b=2), dict([('x', 1), ('y', 2)]), dict({'k': 'v'}, extra=1), dict(zip('ab', range(2))))
print(dict.fromkeys(['a', 'b']), dict.fromkeys('xy', 0))

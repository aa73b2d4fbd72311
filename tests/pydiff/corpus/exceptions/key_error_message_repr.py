d = {}
try:
    d['it\'s']
except KeyError as e:
    print(e, repr(e), e.args[0])
try:
    d[None]
except KeyError as e:
    print(e)

try:
    raise KeyError('k')
except Exception:
    print('generic first')
except KeyError:
    print('never')

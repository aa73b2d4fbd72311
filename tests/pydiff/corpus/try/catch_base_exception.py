try:
    raise RuntimeError('boom')
except BaseException as e:
    print(type(e).__name__, e)

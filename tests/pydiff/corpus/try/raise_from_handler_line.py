def load(d):
    try:
        return d['x']
    except KeyError:
        raise RuntimeError('missing x')
load({})

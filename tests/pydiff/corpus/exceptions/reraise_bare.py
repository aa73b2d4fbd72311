try:
    {}['k']
except KeyError:
    print('handling')
    raise

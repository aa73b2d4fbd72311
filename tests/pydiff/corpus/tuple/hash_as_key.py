d = {(0, 0): 'origin', (1, 2): 'p'}
print(d[(1, 2)], (0, 0) in d, hash((1, 2)) == hash((1, 2)))

it = iter([1, 2])
print(next(it), next(it), next(it, 'done'))
it2 = iter('ab')
print(list(it2), list(it2))

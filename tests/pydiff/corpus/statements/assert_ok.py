assert 1 + 1 == 2
assert [1], 'non-empty'
print('asserts passed')

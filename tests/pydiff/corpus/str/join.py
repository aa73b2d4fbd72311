print(', '.join(['a', 'b', 'c']), ''.join('xyz'), '-'.join(str(i) for i in range(4)), '+'.join([]))

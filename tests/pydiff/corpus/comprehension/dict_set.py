words = ['apple', 'bob', 'apple', 'cat']
print({w: words.count(w) for w in words}, {len(w) for w in words}, {w[0] for w in words} == {'a', 'b', 'c'})

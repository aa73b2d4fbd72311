print(list(map(len, ['a', 'bb'])), list(map(int, '123')), list(filter(None, [0, 1, '', 'a'])), list(filter(str.isdigit, 'a1b2')))
print(list(map(pow, [2, 3], [3, 2])))

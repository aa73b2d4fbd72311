words = ['kiwi', 'banana', 'fig']
print(min(words), max(words), min(words, key=len), max(words, key=len), max([3, 7, 7]), min([], default='none'))

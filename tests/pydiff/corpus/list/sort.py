l = [3, -1, 2, 10]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
words = ['banana', 'Apple', 'cherry', 'date']
words.sort(key=len)
print(words)
words.sort(key=str.lower)
print(words)
print(sorted(words, key=len, reverse=True))

s = 'hello world'
print(s.find('o'), s.rfind('o'), s.find('z'), s.index('w'), s.rindex('l'), s.count('l'), s.count(''), s.find('o', 5), s.find('l', 2, 4))

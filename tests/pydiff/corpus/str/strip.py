s = '  \t hi there \n '
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print('xxhixx'.strip('x'), '--a-b--'.lstrip('-'), 'abcba'.rstrip('ab'), 'www.example.com'.strip('cmowz.'))

print('tab\there', 'new\nline', 'back\\slash', 'quote\'s', "dq\"s", '\x41\u00e9\U0001F600', r'raw\n')
print(repr('tab\t'), repr("it's"), repr('say "hi"'), repr('both \' and "'), repr('\x00\x7f'), repr('é'))

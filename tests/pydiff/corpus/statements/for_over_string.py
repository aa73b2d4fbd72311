for ch in 'héllo':
    print(ch, ord(ch))

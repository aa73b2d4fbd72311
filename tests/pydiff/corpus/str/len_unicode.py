print(len('héllo'), len('😀'), len(''), len('a\nb'))

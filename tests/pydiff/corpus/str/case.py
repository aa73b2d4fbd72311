for s in ['hello World', 'ÉCOLE straße', 'mIxEd 123', '', 'ǅungla', 'title case-words and_more']:
    print(s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), sep=' | ')

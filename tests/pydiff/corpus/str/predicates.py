for s in ['123', '12.5', 'abc', 'Abc', 'ABC', 'abc123', ' ', '', '١٢٣', '½', 'Ⅻ', 'Title Case', 'héllo']:
    print(repr(s), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalpha(), s.isalnum(), s.isspace(), s.islower(), s.isupper(), s.istitle(), s.isascii())

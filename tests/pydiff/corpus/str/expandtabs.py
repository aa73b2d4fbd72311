print(repr('a\tb'.expandtabs()), repr('ab\tc'.expandtabs(4)))

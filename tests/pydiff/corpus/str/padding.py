print(repr('ab'.center(7)), repr('ab'.center(6, '*')), repr('ab'.ljust(5, '.')), repr('ab'.rjust(5)), '42'.zfill(5), '-42'.zfill(5), '+7'.zfill(4), 'abc'.zfill(2))

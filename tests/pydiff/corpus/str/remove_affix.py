print('TestCase'.removeprefix('Test'), 'file.py'.removesuffix('.py'), 'abc'.removeprefix('x'))

# str(bytes, encoding) decodes with the encoding it names.
print(repr(str(b'\xff', 'latin-1')), repr(str(b'caf\xe9', 'LATIN_1')), repr(str(b'ab', 'ASCII')))
print(repr(str(b'caf\xc3\xa9', 'utf-8')), repr(str(b'x\xe9', 'iso-8859-1')), repr(str(b'', 'utf8')))
try:
    str(b'ok\xff', 'ascii')
except UnicodeDecodeError as e:
    print('UnicodeDecodeError', e)
str(b'\xff', 'utf-8')

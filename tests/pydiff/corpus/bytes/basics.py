b = b'abc'
print(b, b[0], b[1:], len(b), b + b'd', b * 2, b.decode(), b'x' in b'xyz', list(b'hi'), b.hex(), bytes(3))
print(repr(b'\x00\xff\n'), b'a' < b'b')

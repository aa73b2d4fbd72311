from uuid import UUID
for bad in ['1234', '12345678-1234-5678-1234-56781234567g', 'x' * 32, '']:
    try:
        UUID(bad)
    except ValueError as e:
        print('ValueError', e)
for kw in [dict(int=-1), dict(int=1 << 128), dict(bytes=b'abc'), dict(int=1, version=9)]:
    try:
        UUID(**kw)
    except ValueError as e:
        print('ValueError', e)
try:
    UUID()
except TypeError as e:
    print('TypeError', e)
try:
    UUID('12345678123456781234567812345678', int=5)
except TypeError as e:
    print('TypeError', e)
try:
    UUID(5)
except AttributeError as e:
    print('AttributeError', e)
u = UUID(int=7)
try:
    u.hex = 'x'
except TypeError as e:
    print('TypeError', e)
try:
    print(u < 'a')
except TypeError as e:
    print('TypeError', e)
print(u.nothing)

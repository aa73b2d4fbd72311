import uuid
from uuid import UUID

u = UUID('12345678-1234-5678-1234-567812345678')
print(u)
print(repr(u))
print(u.hex, u.int, u.version, u.variant)
print(u.urn, u.bytes)
print(u.fields, u.time_low, u.node, u.time, u.clock_seq)
print(u.bytes_le)
for text in ['{12345678-1234-5678-1234-567812345678}', 'urn:uuid:12345678123456781234567812345678',
             '12345678123456781234567812345678']:
    print(UUID(text) == u, str(UUID(text)))
print(UUID(int=0), UUID(int=(1 << 128) - 1))
print(UUID(bytes=b'\x00' * 15 + b'\x01'))
v = UUID('12345678-1234-5678-1234-567812345678', version=4)
print(v, v.version, v.variant)
print(type(u), type(u).__name__, isinstance(u, UUID), isinstance('x', uuid.UUID))
print(u == UUID(int=u.int), u != v, u == u.int, u < v, sorted([v, u]) == [u, v])
print({u: 1}[UUID(str(u))], hash(u) == hash(u.int))
print(str(u).upper(), f"{u}", f"{u!r}", len(str(u)))
print(uuid.NAMESPACE_DNS, uuid.NAMESPACE_URL)
print(uuid.uuid3(uuid.NAMESPACE_DNS, 'python.org'))
print(uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'))
print(uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.com/cart'))
try:
    uuid.uuid3(uuid.NAMESPACE_DNS, b'x')
except TypeError as e:
    print(e)
print(uuid.RFC_4122, UUID(int=0).version, UUID(int=0).variant)

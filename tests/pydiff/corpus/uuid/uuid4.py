import uuid
ids = [uuid.uuid4() for _ in range(50)]
print(all(u.version == 4 for u in ids), len(set(ids)), all(u.variant == uuid.RFC_4122 for u in ids))
s = str(ids[0])
print(len(s), s[14], s[19] in '89ab', s.count('-'), len(ids[0].hex))
cart = {'id': str(uuid.uuid4()), 'items': []}
print(uuid.UUID(cart['id']).version, type(uuid.uuid4()).__name__)
print(uuid.UUID(str(ids[1])) == ids[1], ids[1] == ids[2])
try:
    uuid.uuid4(1)
except TypeError as e:
    print(e)
try:
    uuid.uuid3('ns', 'x')
except AttributeError as e:
    print(e)
try:
    uuid.uuid5(uuid.NAMESPACE_DNS)
except TypeError as e:
    print(e)

import hashlib
h = hashlib.sha256()
h.update(b'hello ')
c = h.copy()
h.update(b'world')
print(h.hexdigest(), c.hexdigest(), hashlib.sha256(b'hello world').hexdigest() == h.hexdigest())
print(h.digest()[:4], len(h.digest()), hashlib.new('md5', b'abc').hexdigest(), hashlib.new('SHA1', data=b'abc').hexdigest())

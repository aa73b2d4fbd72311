import hashlib
for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']:
    h = getattr(hashlib, name)(b'hello world')
    print(name, h.hexdigest(), h.name, h.digest_size, h.block_size, type(h).__name__)
print(hashlib.sha256().hexdigest(), hashlib.md5(b'').hexdigest())

import hashlib
h = hashlib.md5()
h.update(5)

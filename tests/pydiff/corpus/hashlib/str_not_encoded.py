import hashlib
hashlib.sha256('text')

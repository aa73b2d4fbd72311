import hashlib
def bucket(user_id, experiment='checkout'):
    digest = hashlib.md5(f'{experiment}:{user_id}'.encode()).hexdigest()
    return 'A' if int(digest, 16) % 100 < 50 else 'B'
print([bucket(u) for u in range(12)])
print(int(hashlib.sha1(b'user-42').hexdigest()[:8], 16) % 10)

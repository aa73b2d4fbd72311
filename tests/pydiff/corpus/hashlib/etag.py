import hashlib
import json
body = json.dumps({'items': [1, 2, 3]}, sort_keys=True).encode('utf-8')
etag = '"' + hashlib.sha1(body).hexdigest() + '"'
print(etag, len(etag))

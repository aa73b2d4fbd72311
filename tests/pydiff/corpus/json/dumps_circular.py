import json
a = [1]
a.append(a)
json.dumps(a)

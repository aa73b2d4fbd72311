import json
body = b'{"items": [{"sku": "A1", "qty": 2}, {"sku": "B2", "qty": 1}], "coupon": null}'
payload = json.loads(body)
total = sum(item['qty'] for item in payload['items'])
print(json.dumps({'ok': True, 'count': total, 'skus': [i['sku'] for i in payload['items']]}, sort_keys=True))

import json
print(json.dumps([float('nan'), float('inf'), -float('inf')]))
for indent in [None, 2]:
    try:
        json.dumps([float('inf')], allow_nan=False, indent=indent)
    except ValueError as e:
        print(e)

import random
for call in ['zero step', 'missing', 'float step']:
    try:
        if call == 'zero step':
            random.randrange(1, 10, 0)
        elif call == 'missing':
            random.randint(1)
        else:
            random.randrange(1.5)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    random.shuffle((1, 2, 3))
except TypeError as e:
    print(e)
try:
    random.choices([1], weights=[0])
except ValueError as e:
    print(e)

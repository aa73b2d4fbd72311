try:
    min()
except TypeError as e:
    print(e)
try:
    max(1)
except TypeError as e:
    print(e)
try:
    max([1, 'a'])
except TypeError as e:
    print(e)

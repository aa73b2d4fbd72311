try:
    [][0]
except IndexError as e:
    print(e)
try:
    ''[5]
except IndexError as e:
    print(e)
try:
    ()[0]
except IndexError as e:
    print(e)
try:
    range(3)[7]
except IndexError as e:
    print(e)

print(int.__name__)
print(int.__mro__)

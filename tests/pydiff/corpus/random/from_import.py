from random import randint, seed, shuffle
seed(5)
l = [1, 2, 3, 4, 5]
shuffle(l)
print(randint(0, 9), l)

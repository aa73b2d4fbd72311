import random
random.seed(7)
items = ['red', 'green', 'blue', 'yellow']
print([random.choice(items) for _ in range(8)], random.choice('abc'), random.choice(range(100)), random.choice((1, 2)))
deck = list(range(10))
random.shuffle(deck)
print(deck)
random.shuffle(deck)
print(deck)

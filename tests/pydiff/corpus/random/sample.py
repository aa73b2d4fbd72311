import random
random.seed(3)
print(random.sample(range(100), 5), random.sample(['a', 'b', 'c', 'd'], 4), random.sample('xyz', 2), random.sample(range(1000), 10), random.sample(range(30), 0))
print(random.sample(range(10 ** 6), 3), random.sample(list(range(25)), 20))

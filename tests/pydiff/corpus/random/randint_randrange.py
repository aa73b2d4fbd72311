import random
random.seed(42)
print([random.randint(1, 6) for _ in range(20)])
print([random.randrange(10) for _ in range(10)], [random.randrange(5, 50, 5) for _ in range(5)], [random.randrange(10, 0, -3) for _ in range(5)])
print(random.randint(-10 ** 20, 10 ** 20), random.randrange(2 ** 64))

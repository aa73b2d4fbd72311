import random
random.seed(1)
print([random.random() for _ in range(5)])
random.seed(1)
print(random.random())
random.seed(12345678901234567890123)
print(random.random(), random.getrandbits(8), random.getrandbits(70), random.getrandbits(0))

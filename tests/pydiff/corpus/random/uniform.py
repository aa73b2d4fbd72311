import random
random.seed(2024)
print(random.uniform(1, 10), random.uniform(-1.5, 1.5), random.uniform(5, 5), [round(random.uniform(0, 100), 2) for _ in range(5)])

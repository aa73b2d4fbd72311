import random
random.seed(99)
buckets = {'A': 0, 'B': 0}
for user in range(200):
    buckets['A' if random.random() < 0.5 else 'B'] += 1
print(buckets)

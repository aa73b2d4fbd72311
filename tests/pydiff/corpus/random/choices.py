import random
random.seed(11)
print(random.choices(['a', 'b', 'c'], k=10))
print(random.choices(['a', 'b', 'c'], weights=[10, 1, 1], k=10))
print(random.choices(['a', 'b', 'c'], cum_weights=[1, 2, 30], k=5))
print(random.choices(range(5), [0.5, 0.1, 0.1, 0.1, 0.2], k=4), random.choices('xy'))

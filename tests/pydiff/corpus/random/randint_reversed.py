import random
random.randint(10, 1)

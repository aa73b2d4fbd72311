import string
import random
random.seed(8)
alphabet = string.ascii_letters + string.digits
print(''.join(random.choice(alphabet) for _ in range(16)))

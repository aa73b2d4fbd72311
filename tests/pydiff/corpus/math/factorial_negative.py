import math
math.factorial(-3)

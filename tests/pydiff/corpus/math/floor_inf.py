import math
math.floor(float('inf'))

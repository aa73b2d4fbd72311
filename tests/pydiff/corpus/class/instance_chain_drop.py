class N:
    def __init__(self, c):
        self.c = c
n = None
for i in range(20000):
    n = N(n)
print(1)

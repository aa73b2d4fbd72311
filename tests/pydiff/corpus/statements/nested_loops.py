pairs = []
for i in range(3):
    for j in range(i):
        pairs.append((i, j))
print(pairs, len(pairs))

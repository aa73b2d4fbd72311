data = [3, 1, 4, 1, 5, 9, 2, 6]
i = 0
best = data[0]
while i < len(data):
    if data[i] > best:
        best = data[i]
    i += 1
print(best)

i = 0
while i < 3:
    print('i', i)
    i += 1
else:
    print('done', i)
j = 0
while True:
    j += 1
    if j > 4:
        break
else:
    print('never')
print('j', j)

total = 0
hits = []
def add(n):
    global total
    total += n
    hits.append(n)
for k in range(4):
    add(k)
print(total, hits)
def set_new():
    global fresh
    fresh = 'made'
set_new()
print(fresh)

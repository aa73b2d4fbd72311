total = (1 +
         2 +
         3)
items = [
    'a',
    'b',
]
d = {
    'k': 1,
}
print(total, items, d)
s = 'abc' \
    'def'
print(s)

from itertools import groupby
data = ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apricot']
for k, g in groupby(data, key=lambda s: s[0]):
    print(k, list(g))
print([(k, len(list(g))) for k, g in groupby('aaabccdddd')])
print([k for k, g in groupby([1, 1, 2, 2, 2, 1])])
groups = groupby('aabbc')
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
k, g = next(groupby('xxy'))
print(next(g), type(g).__name__, type(groupby('')).__name__)
visits = [{'page': 'home', 'n': 1}, {'page': 'home', 'n': 2}, {'page': 'cart', 'n': 3}]
by_page = {k: [v['n'] for v in g] for k, g in groupby(sorted(visits, key=lambda v: v['page']), key=lambda v: v['page'])}
print(by_page)
print(list(groupby([])))
g = groupby([1, 2])
print(list(k for k, _ in g))
def loud(x):
    print('key of', x)
    return x // 10
for k, grp in groupby([1, 5, 12, 18, 25], loud):
    print('group', k)
    print(list(grp))

from operator import itemgetter
scores = [{'name': 'ann', 'points': 7}, {'name': 'bob', 'points': 12}, {'name': 'cy', 'points': 7}]
print(sorted(scores, key=itemgetter('points'), reverse=True))
print(sorted(scores, key=itemgetter('points', 'name')))
pairs = [(2, 'b'), (1, 'z'), (2, 'a')]
print(sorted(pairs, key=itemgetter(1)), list(map(itemgetter(0), pairs)), itemgetter(0, 1)('xyz'), itemgetter(slice(1, 3))([1, 2, 3, 4]) if False else itemgetter(-1)([1, 2, 3]))

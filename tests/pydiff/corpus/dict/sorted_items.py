scores = {'ann': 3, 'bob': 7, 'cy': 5}
print(sorted(scores), sorted(scores.items()), sorted(scores.values(), reverse=True))
print(sorted(scores, key=scores.get), max(scores, key=scores.get))

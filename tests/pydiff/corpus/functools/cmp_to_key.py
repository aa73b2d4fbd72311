# functools.cmp_to_key: sorting with an old-style comparison function (a leaderboard).
from functools import cmp_to_key


def by_score_then_name(a, b):
    if a["score"] != b["score"]:
        return b["score"] - a["score"]
    return (a["name"] > b["name"]) - (a["name"] < b["name"])


players = [
    {"name": "bo", "score": 30},
    {"name": "al", "score": 45},
    {"name": "cy", "score": 30},
    {"name": "di", "score": 12},
]
board = sorted(players, key=cmp_to_key(by_score_then_name))
print([p["name"] for p in board])
players.sort(key=cmp_to_key(by_score_then_name), reverse=True)
print([p["name"] for p in players])
K = cmp_to_key(lambda a, b: a - b)
x, y = K(3), K(5)
print(x < y, x > y, x == K(3), x != y, x <= K(3), y >= x, x.obj, y.obj)
print(max([K(1), K(9), K(4)]).obj, min(K(n) for n in [7, 2, 8]).obj)
print(type(x).__name__, type(x).__module__, type(x).__qualname__)
try:
    hash(x)
except TypeError as e:
    print(e)
try:
    x < 3
except TypeError as e:
    print(e)
print(sorted(["b", "A", "c"], key=cmp_to_key(lambda s, t: (s.lower() > t.lower()) - (s.lower() < t.lower()))))
calls = []


def noisy(a, b):
    calls.append((a, b))
    return a - b


print(sorted([3, 1, 2], key=cmp_to_key(noisy)), len(calls) > 0)
try:
    sorted([1, 2], key=cmp_to_key(lambda a, b: a.missing))
except AttributeError as e:
    print(e)
sorted([1, "x"], key=cmp_to_key(lambda a, b: a - b))

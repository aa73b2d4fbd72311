from collections import deque

d = deque([1, 2, 3])
print(list(reversed(d)))
d.appendleft(0)
r = reversed(d)
print(next(r), next(r))
print(list(r))
print(list(reversed(deque())), list(reversed(deque("ab", maxlen=1))))
print(sorted(reversed(deque([3, 1, 2]))))

import json
from collections import Counter, OrderedDict, defaultdict, deque
print(json.dumps(Counter('aab')), json.dumps(OrderedDict(b=1, a=2)), json.dumps(defaultdict(list, x=[1])))
print(json.dumps({'recent': list(deque([1, 2], maxlen=2))}), json.dumps(Counter(a=1), sort_keys=True, indent=1))
back = json.loads(json.dumps(Counter('xyx')))
print(back, type(back).__name__, Counter(back) == Counter('xyx'))
try:
    json.dumps(deque([1]))
except TypeError as e:
    print(e)
print(str(Counter('ab')), '%s' % OrderedDict(a=1), '{}'.format(defaultdict(int)))

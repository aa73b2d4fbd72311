s = 'héllo wörld héllo'
for args in [('l',), ('l', 3), ('l', 3, 4), ('héllo', 1), ('o', -3), ('', 2), ('', 17), ('ö', 0, 9), ('ö', 0, 10), ('x',)]:
    print(args, s.find(*args), s.rfind(*args), s.count(*args))
print('aaaa'.count('aa'), 'abcabc'.rfind('abc', 0, 5), 'abc'.find('c', 2, 1))
h = 'a' * 1000000
n = 'a' * 500000 + 'b'
print(h.find(n), h.count(n), (h + 'b').find(n), (h + 'b').rfind(n))

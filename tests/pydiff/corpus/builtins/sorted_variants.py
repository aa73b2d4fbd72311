data = [5, 2, 8, 1]
print(sorted(data), sorted(data, reverse=True), sorted('cba'), sorted({3: 'a', 1: 'b'}), sorted((2, 1)), data)
print(sorted([('b', 2), ('a', 2), ('c', 1)]), sorted([[2], [1, 5], [1]]))

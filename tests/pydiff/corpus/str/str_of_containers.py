print(str([1, 'a']), str({'k': 'v'}), str((1,)), str(()), str({1}), str(set()), str([None, True]))

print(True and False, True or False, not True, True & False, True | False, True ^ True, ~True)
print(bool(0), bool('0'), bool([]), bool(None), str(True), repr(False), int(False))

s = "abc"
n = len(s) + \
    s

a = 1
if (a == 1 and
        undefined_name):
    pass

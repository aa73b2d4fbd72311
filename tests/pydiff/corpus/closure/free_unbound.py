def bad():
    def i():
        return zz
    zz = 1
    del zz
    return i()
bad()

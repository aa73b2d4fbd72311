print(globals())

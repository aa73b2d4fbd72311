print(str(-0), repr(1_000_000), str(0xff), 1e3 == 1000)

print('apple' < 'banana', 'Z' < 'a', 'abc' == 'abc', 'a' < 'ab', 'é' > 'z', sorted(['b', 'A', 'a', 'B']))

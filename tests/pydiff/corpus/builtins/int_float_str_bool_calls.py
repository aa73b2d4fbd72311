print(int(), float(), str(), bool(), list(), dict(), tuple(), set(), str(12.0), int('-0'), float('-0'))

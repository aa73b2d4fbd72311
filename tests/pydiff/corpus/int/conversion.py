print(int('42'), int(' -17 '), int('0x1f', 16), int('ff', 16), int('101', 2), int('z', 36), int(3.99), int(-3.99), int(True))
print(int('1_000'), int('0b101', 0), int('0o17', 0))

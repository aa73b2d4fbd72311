print(chr(65), chr(0x1F600), ord('€'), hex(0), oct(-8), bin(0), hex(2 ** 64))

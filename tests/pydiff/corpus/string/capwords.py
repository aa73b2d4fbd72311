import string
print(string.capwords('hello   wORLD  again'), string.capwords('a-b-c', '-'), string.capwords(''), string.capwords(' x y '), string.capwords('one,two', sep=','))

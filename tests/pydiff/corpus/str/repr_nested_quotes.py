print(repr(["it's", 'plain', 'a"b']), {'k': "it's"})

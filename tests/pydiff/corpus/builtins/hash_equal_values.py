print(hash(1) == hash(1.0), hash('a') == hash('a'), hash((1, 'a')) == hash((1, 'a')), hash(0), hash(-1), hash(5))

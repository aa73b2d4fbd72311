class Deck:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return "card%d" % i


for card in Deck():
    print(card)

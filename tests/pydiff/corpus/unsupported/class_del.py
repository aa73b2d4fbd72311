class Handle:
    def __del__(self):
        print("freed")


h = Handle()
del h

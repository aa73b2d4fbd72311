class Oops(Exception):
    def __str__(self):
        return "oops"


raise Oops()

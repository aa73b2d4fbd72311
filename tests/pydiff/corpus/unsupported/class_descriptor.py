class Upper:
    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        return obj.raw.upper()


class Page:
    title = Upper()

    def __init__(self, raw):
        self.raw = raw


print(Page("home").title)

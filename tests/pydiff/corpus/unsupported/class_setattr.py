# A class whose __setattr__ would take over every assignment is refused, not run wrongly.
class Tracked:
    def __setattr__(self, name, value):
        print('set', name)
        object.__setattr__(self, name, value)


t = Tracked()
t.a = 1

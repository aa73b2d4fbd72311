# __getattr__ runs only when the normal lookup fails.
class Settings:
    defaults = {'theme': 'light', 'lang': 'en'}

    def __init__(self, **given):
        self.given = given

    def __getattr__(self, name):
        print('looking up', name)
        if name in self.given:
            return self.given[name]
        if name in self.defaults:
            return self.defaults[name]
        raise AttributeError(f'no setting {name!r}')


s = Settings(theme='dark')
print(s.theme, s.lang)
print(s.given)          # found normally: no call
print(getattr(s, 'size', 12))
print(hasattr(s, 'lang'), hasattr(s, 'size'))
try:
    s.size
except AttributeError as e:
    print('AttributeError:', e)


class Lazy:
    @property
    def value(self):
        raise AttributeError('not yet')

    def __getattr__(self, name):
        return f'fallback for {name}'


print(Lazy().value)


class Child(Settings):
    pass


print(Child(lang='fr').lang)


class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return getattr(self._target, name)


p = Proxy([3, 1, 2])
p.sort()
print(p._target, p.count(1))
try:
    p.nothing
except AttributeError as e:
    print(e)

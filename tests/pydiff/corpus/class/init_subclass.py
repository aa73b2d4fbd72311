class Meta:
    registry = []
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Meta.registry.append(cls.__name__)
class P1(Meta): pass
class P2(Meta): pass
print(Meta.registry)
class Plugin:
    plugins = {}
    def __init_subclass__(cls):
        name = cls.__name__.lower()
        print("registering", name, cls.__qualname__)
        Plugin.plugins[name] = cls
class Csv(Plugin):
    pass
class Json(Plugin):
    def __init_subclass__(cls):
        print("json sub", cls.__name__)
        super().__init_subclass__()
class Json5(Json):
    pass
print(sorted(Plugin.plugins), Plugin.plugins["json5"] is Json5)
def deco(c):
    print("decorating", c.__name__)
    return c
@deco
class Yaml(Plugin):
    pass
class Strict:
    def __init_subclass__(cls):
        if not hasattr(cls, "required"):
            raise TypeError(f"{cls.__name__} must define 'required'")
class Good(Strict):
    required = 1
try:
    class Bad(Strict):
        pass
except TypeError as e:
    print(e)
try:
    Bad
except NameError as e:
    print(e)
class Arg:
    def __init_subclass__(cls):
        super().__init_subclass__(1)
try:
    class ArgSub(Arg):
        pass
except TypeError as e:
    print(e)
class Kw:
    def __init_subclass__(cls):
        super().__init_subclass__(x=1)
class KwSub(Kw):
    pass

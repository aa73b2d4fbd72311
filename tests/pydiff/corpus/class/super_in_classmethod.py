# super() in a class method passes on the class the call came through.
class Model:
    registry = []

    @classmethod
    def create(cls, **fields):
        print('Model.create for', cls.__name__)
        obj = cls()
        obj.fields = fields
        cls.registry.append(cls.__name__)
        return obj


class Article(Model):
    @classmethod
    def create(cls, **fields):
        fields.setdefault('status', 'draft')
        return super().create(**fields)


class News(Article):
    pass


a = Article.create(title='x')
n = News.create(title='y')
print(type(a).__name__, a.fields)
print(type(n).__name__, n.fields)
print(Model.registry)
print(News().create().fields, type(News().create()).__name__)


class Base:
    @classmethod
    def name(cls):
        return cls.__name__

    def who(self):
        return self.name()


class Mid(Base):
    @classmethod
    def name(cls):
        return 'Mid/' + super().name()


class Leaf(Mid):
    pass


print(Leaf.name(), Leaf().who(), Mid.name(), Base.name())

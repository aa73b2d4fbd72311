from abc import ABC, abstractmethod
import abc
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self):
        """The length around."""
    def describe(self):
        return f"{type(self).__name__} with area {self.area():.2f}"
class Circle(Shape):
    def __init__(self, r): self.r = r
    def area(self): return 3.14159 * self.r ** 2
    def perimeter(self): return 2 * 3.14159 * self.r
print(Circle(2).describe(), isinstance(Circle(1), Shape), isinstance(Circle(1), ABC), Shape.area.__isabstractmethod__)
for cls in (Shape,):
    try:
        cls()
    except TypeError as e:
        print(e)
class Half(Shape):
    def area(self): return 1
try:
    Half()
except TypeError as e:
    print(e)
class Repo(abc.ABC):
    @property
    @abstractmethod
    def name(self): ...
    @classmethod
    @abstractmethod
    def create(cls): ...
    @staticmethod
    @abstractmethod
    def helper(): ...
try:
    Repo()
except TypeError as e:
    print(e)
class SqlRepo(Repo):
    name = "sql"
    @classmethod
    def create(cls): return cls()
    @staticmethod
    def helper(): return 1
print(SqlRepo.create().name, type(ABC()).__name__, ABC.__module__, Shape.__mro__)
class Plain:
    @abstractmethod
    def f(self): ...
print(type(Plain()).__name__)
Shape()

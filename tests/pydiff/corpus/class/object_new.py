class A:
    def __new__(cls):
        return object.__new__(cls)
print(type(A()).__name__)
class B:
    def __init__(self, x):
        self.x = x
b = object.__new__(B)
print(type(b).__name__, vars(b))
try:
    object.__new__(B, 1)
except TypeError as e:
    print(e)
class C:
    pass
try:
    object.__new__(C, 1)
except TypeError as e:
    print(e)
try:
    object.__new__(int)
except TypeError as e:
    print(e)
try:
    object.__new__()
except TypeError as e:
    print(e)
try:
    object.__new__(3)
except TypeError as e:
    print(e)
from abc import ABC, abstractmethod
class Ab(ABC):
    def __new__(cls):
        print("new runs")
        return super().__new__(cls)
    @abstractmethod
    def f(self): ...
try:
    Ab()
except TypeError as e:
    print(e)

# typing.TypedDict: a class (or the functional form) whose calls make plain dicts; its
# annotations, required and optional keys, and the errors CPython 3.11 gives.
from typing import List, Optional, TypedDict


class Movie(TypedDict):
    name: str
    year: int


class Rated(Movie):
    rating: Optional[float]
    tags: List[str]
    owner: 'Cart'


m = Movie(name='Blade Runner', year=1982)
print(m, type(m), type(m) is dict, Movie, repr(Movie), type(Movie).__name__)
print(Movie.__name__, Movie.__qualname__, Movie.__module__, Movie.__total__, Movie.__bases__)
print(Movie.__annotations__, sorted(Movie.__required_keys__), sorted(Movie.__optional_keys__))
print(Rated.__annotations__, sorted(Rated.__required_keys__))
print(Rated.__annotations__['owner'].__forward_arg__)
print(Movie({'name': 'y'}), Movie(), Movie([('a', 1)], b=2), Rated(name='x', rating=None, tags=[]))
print(m == {'name': 'Blade Runner', 'year': 1982}, m['year'] + 1, Movie(**m) == m)
m['year'] = 2049
print(m, Movie is Movie, Movie == Movie, Movie == Rated)
try:
    isinstance(m, Movie)
except TypeError as e:
    print(e)
try:
    issubclass(dict, Movie)
except TypeError as e:
    print(e)
try:
    Movie(1, 2)
except TypeError as e:
    print(e)
try:
    class Mixed(Movie, int):
        pass
except TypeError as e:
    print(e)


class WithDefault(TypedDict):
    x: int = 5

    def helper(self):
        return 1


print(WithDefault(), WithDefault.x, WithDefault.__annotations__)
Point = TypedDict('Point', {'x': int, 'y': 'Cart'})
print(Point, Point(x=1), Point.__annotations__, Point.__total__, sorted(Point.__required_keys__))
Loose = TypedDict('Loose', {'x': int}, total=False)
print(Loose.__total__, sorted(Loose.__optional_keys__), Loose.__required_keys__)
try:
    TypedDict('Bad', {'x': (1, 2)})
except TypeError as e:
    print(e)
try:
    Movie.nothing
except AttributeError as e:
    print(e)

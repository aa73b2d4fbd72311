# typing remembers its subscriptions (_tp_cache): an equal subscription of a typing value is
# the same object. The built-in generics (list[int]) and X | Y unions are new each time.
from typing import Any, Callable, Dict, FrozenSet, List, Literal, Optional, Set, Tuple, Type, Union


class Cart:
    pass


print(List[int] is List[int], Dict[str, Any] is Dict[str, Any], Optional[int] is Optional[int])
print(Union[int, str] is Union[int, str], Union[int, str] is Union[str, int], Union[int, str] == Union[str, int])
print(Tuple[int, ...] is Tuple[int, ...], Tuple[()] is Tuple[()], Callable[[int], str] is Callable[[int], str])
print(Literal[1] is Literal[1], Literal[1, 'a'] is Literal[1, 'a'], Type[Cart] is Type[Cart])
print(Optional[Cart] is Optional[Cart], List[Cart] is List['Cart'], List['Cart'] is List['Cart'])
print(Set[int] is FrozenSet[int], List[int] is List[str], Optional[int] is Union[int, None])
print(list[int] is list[int], list[int] == list[int], (int | None) is (int | None), List[int] == list[int])
print(Dict[str, List[int]] is Dict[str, List[int]], Optional[List[int]] is Optional[List[int]])
a = [List[n] for n in (int, str, int, float, int)]
print(a[0] is a[2] is a[4], a[0] is a[1], a)
try:
    Optional[[int]]
except TypeError as e:
    print(e)
try:
    Dict[int]
except TypeError as e:
    print(e)
try:
    Dict[int]
except TypeError as e:
    print(e)

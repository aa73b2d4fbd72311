from typing import Any, Optional, Union, List, Dict, Tuple, Set, FrozenSet, Type, Callable, Iterable, Iterator, Sequence, Mapping, Literal, ClassVar, Final, TYPE_CHECKING, cast
import typing
class P: pass
try:
    print('Optional[int, str]', '->', repr(Optional[int, str]))
except Exception as e:
    print('Optional[int, str]', '!!', type(e).__name__, e)
try:
    print('Dict[int]', '->', repr(Dict[int]))
except Exception as e:
    print('Dict[int]', '!!', type(e).__name__, e)
try:
    print('List[int, str]', '->', repr(List[int, str]))
except Exception as e:
    print('List[int, str]', '!!', type(e).__name__, e)
try:
    print('List[3]', '->', repr(List[3]))
except Exception as e:
    print('List[3]', '!!', type(e).__name__, e)
try:
    print('Optional[3]', '->', repr(Optional[3]))
except Exception as e:
    print('Optional[3]', '!!', type(e).__name__, e)
try:
    print('Union[3]', '->', repr(Union[3]))
except Exception as e:
    print('Union[3]', '!!', type(e).__name__, e)
try:
    print('Tuple[int, ...]', '->', repr(Tuple[int, ...]))
except Exception as e:
    print('Tuple[int, ...]', '!!', type(e).__name__, e)
try:
    print('Callable[int, str]', '->', repr(Callable[int, str]))
except Exception as e:
    print('Callable[int, str]', '!!', type(e).__name__, e)
try:
    print('Union[()]', '->', repr(Union[()]))
except Exception as e:
    print('Union[()]', '!!', type(e).__name__, e)
try:
    print('Union[int, List[int]]', '->', repr(Union[int, List[int]]))
except Exception as e:
    print('Union[int, List[int]]', '!!', type(e).__name__, e)
try:
    print('Optional[None]', '->', repr(Optional[None]))
except Exception as e:
    print('Optional[None]', '!!', type(e).__name__, e)
try:
    print('Union[None]', '->', repr(Union[None]))
except Exception as e:
    print('Union[None]', '!!', type(e).__name__, e)
try:
    print('Union[int, None, str]', '->', repr(Union[int, None, str]))
except Exception as e:
    print('Union[int, None, str]', '!!', type(e).__name__, e)
try:
    print("Optional['P']", '->', repr(Optional['P']))
except Exception as e:
    print("Optional['P']", '!!', type(e).__name__, e)
try:
    print("List['P']", '->', repr(List['P']))
except Exception as e:
    print("List['P']", '!!', type(e).__name__, e)
try:
    print("list['P']", '->', repr(list['P']))
except Exception as e:
    print("list['P']", '!!', type(e).__name__, e)
try:
    print('list[3]', '->', repr(list[3]))
except Exception as e:
    print('list[3]', '!!', type(e).__name__, e)
try:
    print('int | 3', '->', repr(int | 3))
except Exception as e:
    print('int | 3', '!!', type(e).__name__, e)
try:
    print("int | 'P'", '->', repr(int | 'P'))
except Exception as e:
    print("int | 'P'", '!!', type(e).__name__, e)
try:
    print('None | int', '->', repr(None | int))
except Exception as e:
    print('None | int', '!!', type(e).__name__, e)
try:
    print('int | int', '->', repr(int | int))
except Exception as e:
    print('int | int', '!!', type(e).__name__, e)
try:
    print('int | str | int', '->', repr(int | str | int))
except Exception as e:
    print('int | str | int', '!!', type(e).__name__, e)
try:
    print('Optional[int] | str', '->', repr(Optional[int] | str))
except Exception as e:
    print('Optional[int] | str', '!!', type(e).__name__, e)
try:
    print('List[int] | None', '->', repr(List[int] | None))
except Exception as e:
    print('List[int] | None', '!!', type(e).__name__, e)
try:
    print('list[int] | None', '->', repr(list[int] | None))
except Exception as e:
    print('list[int] | None', '!!', type(e).__name__, e)
try:
    print('Optional[int | None]', '->', repr(Optional[int | None]))
except Exception as e:
    print('Optional[int | None]', '!!', type(e).__name__, e)
try:
    print('Union[int | str, float]', '->', repr(Union[int | str, float]))
except Exception as e:
    print('Union[int | str, float]', '!!', type(e).__name__, e)
try:
    print('Tuple', '->', repr(Tuple))
except Exception as e:
    print('Tuple', '!!', type(e).__name__, e)
try:
    print('Tuple[int]', '->', repr(Tuple[int]))
except Exception as e:
    print('Tuple[int]', '!!', type(e).__name__, e)
try:
    print('Set[int]', '->', repr(Set[int]))
except Exception as e:
    print('Set[int]', '!!', type(e).__name__, e)
try:
    print('FrozenSet[str]', '->', repr(FrozenSet[str]))
except Exception as e:
    print('FrozenSet[str]', '!!', type(e).__name__, e)
try:
    print('Type[int]', '->', repr(Type[int]))
except Exception as e:
    print('Type[int]', '!!', type(e).__name__, e)
try:
    print('Iterable[int]', '->', repr(Iterable[int]))
except Exception as e:
    print('Iterable[int]', '!!', type(e).__name__, e)
try:
    print('Iterator[str]', '->', repr(Iterator[str]))
except Exception as e:
    print('Iterator[str]', '!!', type(e).__name__, e)
try:
    print('Sequence[int]', '->', repr(Sequence[int]))
except Exception as e:
    print('Sequence[int]', '!!', type(e).__name__, e)
try:
    print('Mapping[str, int]', '->', repr(Mapping[str, int]))
except Exception as e:
    print('Mapping[str, int]', '!!', type(e).__name__, e)
try:
    print("Literal[1, 'a']", '->', repr(Literal[1, 'a']))
except Exception as e:
    print("Literal[1, 'a']", '!!', type(e).__name__, e)
try:
    print('ClassVar[int]', '->', repr(ClassVar[int]))
except Exception as e:
    print('ClassVar[int]', '!!', type(e).__name__, e)
try:
    print('Callable', '->', repr(Callable))
except Exception as e:
    print('Callable', '!!', type(e).__name__, e)
try:
    print('Callable[[], None]', '->', repr(Callable[[], None]))
except Exception as e:
    print('Callable[[], None]', '!!', type(e).__name__, e)
try:
    print('Dict', '->', repr(Dict))
except Exception as e:
    print('Dict', '!!', type(e).__name__, e)
try:
    print('Any', '->', repr(Any))
except Exception as e:
    print('Any', '!!', type(e).__name__, e)
try:
    print('Optional', '->', repr(Optional))
except Exception as e:
    print('Optional', '!!', type(e).__name__, e)
try:
    print('Union', '->', repr(Union))
except Exception as e:
    print('Union', '!!', type(e).__name__, e)
try:
    print('Literal', '->', repr(Literal))
except Exception as e:
    print('Literal', '!!', type(e).__name__, e)
try:
    print('ClassVar', '->', repr(ClassVar))
except Exception as e:
    print('ClassVar', '!!', type(e).__name__, e)
try:
    print('Optional[Any]', '->', repr(Optional[Any]))
except Exception as e:
    print('Optional[Any]', '!!', type(e).__name__, e)
try:
    print('type[int]', '->', repr(type[int]))
except Exception as e:
    print('type[int]', '!!', type(e).__name__, e)
try:
    print('tuple[int, ...]', '->', repr(tuple[int, ...]))
except Exception as e:
    print('tuple[int, ...]', '!!', type(e).__name__, e)
try:
    print('Final[int]', '->', repr(Final[int]))
except Exception as e:
    print('Final[int]', '!!', type(e).__name__, e)
try:
    print('List[int][0]', '->', repr(List[int][0]))
except Exception as e:
    print('List[int][0]', '!!', type(e).__name__, e)
try:
    print("Dict[str, Any]['x']", '->', repr(Dict[str, Any]['x']))
except Exception as e:
    print("Dict[str, Any]['x']", '!!', type(e).__name__, e)
try:
    print('Optional[int] == Union[None, int]', '->', repr(Optional[int] == Union[None, int]))
except Exception as e:
    print('Optional[int] == Union[None, int]', '!!', type(e).__name__, e)
try:
    print('List[int] == List[int]', '->', repr(List[int] == List[int]))
except Exception as e:
    print('List[int] == List[int]', '!!', type(e).__name__, e)
try:
    print('(int|None) == (None|int)', '->', repr((int|None) == (None|int)))
except Exception as e:
    print('(int|None) == (None|int)', '!!', type(e).__name__, e)
try:
    print('Optional[int] == (int | None)', '->', repr(Optional[int] == (int | None)))
except Exception as e:
    print('Optional[int] == (int | None)', '!!', type(e).__name__, e)
try:
    print('typing.List[int].__origin__', '->', repr(typing.List[int].__origin__))
except Exception as e:
    print('typing.List[int].__origin__', '!!', type(e).__name__, e)
try:
    print('typing.List[int].__args__', '->', repr(typing.List[int].__args__))
except Exception as e:
    print('typing.List[int].__args__', '!!', type(e).__name__, e)
try:
    print('list[int].__args__', '->', repr(list[int].__args__))
except Exception as e:
    print('list[int].__args__', '!!', type(e).__name__, e)
try:
    print('Any()', '->', repr(Any()))
except Exception as e:
    print('Any()', '!!', type(e).__name__, e)
try:
    print('List()', '->', repr(List()))
except Exception as e:
    print('List()', '!!', type(e).__name__, e)
try:
    print('List[int]()', '->', repr(List[int]()))
except Exception as e:
    print('List[int]()', '!!', type(e).__name__, e)
try:
    print('Union[int,str]()', '->', repr(Union[int,str]()))
except Exception as e:
    print('Union[int,str]()', '!!', type(e).__name__, e)
try:
    print('list[int]()', '->', repr(list[int]()))
except Exception as e:
    print('list[int]()', '!!', type(e).__name__, e)
try:
    print('isinstance(1, int | str)', '->', repr(isinstance(1, int | str)))
except Exception as e:
    print('isinstance(1, int | str)', '!!', type(e).__name__, e)
try:
    print('isinstance(1, Union[int, str])', '->', repr(isinstance(1, Union[int, str])))
except Exception as e:
    print('isinstance(1, Union[int, str])', '!!', type(e).__name__, e)
try:
    print('isinstance([], List)', '->', repr(isinstance([], List)))
except Exception as e:
    print('isinstance([], List)', '!!', type(e).__name__, e)
try:
    print('isinstance({}, Dict)', '->', repr(isinstance({}, Dict)))
except Exception as e:
    print('isinstance({}, Dict)', '!!', type(e).__name__, e)
try:
    print('isinstance(1, Optional)', '->', repr(isinstance(1, Optional)))
except Exception as e:
    print('isinstance(1, Optional)', '!!', type(e).__name__, e)
try:
    print('isinstance(None, Optional[int])', '->', repr(isinstance(None, Optional[int])))
except Exception as e:
    print('isinstance(None, Optional[int])', '!!', type(e).__name__, e)
try:
    print('issubclass(bool, int | str)', '->', repr(issubclass(bool, int | str)))
except Exception as e:
    print('issubclass(bool, int | str)', '!!', type(e).__name__, e)
try:
    print('isinstance(1, list[int] | None)', '->', repr(isinstance(1, list[int] | None)))
except Exception as e:
    print('isinstance(1, list[int] | None)', '!!', type(e).__name__, e)
try:
    print('isinstance(1, List[int] | None)', '->', repr(isinstance(1, List[int] | None)))
except Exception as e:
    print('isinstance(1, List[int] | None)', '!!', type(e).__name__, e)
try:
    print('TYPE_CHECKING', '->', repr(TYPE_CHECKING))
except Exception as e:
    print('TYPE_CHECKING', '!!', type(e).__name__, e)
try:
    print("cast(int, 'x')", '->', repr(cast(int, 'x')))
except Exception as e:
    print("cast(int, 'x')", '!!', type(e).__name__, e)
try:
    print("cast('int', 3)", '->', repr(cast('int', 3)))
except Exception as e:
    print("cast('int', 3)", '!!', type(e).__name__, e)
try:
    print('Optional[P]', '->', repr(Optional[P]))
except Exception as e:
    print('Optional[P]', '!!', type(e).__name__, e)
try:
    print('List[P]', '->', repr(List[P]))
except Exception as e:
    print('List[P]', '!!', type(e).__name__, e)
try:
    print('list[P]', '->', repr(list[P]))
except Exception as e:
    print('list[P]', '!!', type(e).__name__, e)
try:
    print('P | None', '->', repr(P | None))
except Exception as e:
    print('P | None', '!!', type(e).__name__, e)
try:
    print('Optional[Optional[int]]', '->', repr(Optional[Optional[int]]))
except Exception as e:
    print('Optional[Optional[int]]', '!!', type(e).__name__, e)
try:
    print('Union[int, Union[str, float]]', '->', repr(Union[int, Union[str, float]]))
except Exception as e:
    print('Union[int, Union[str, float]]', '!!', type(e).__name__, e)
try:
    print('Tuple[()]', '->', repr(Tuple[()]))
except Exception as e:
    print('Tuple[()]', '!!', type(e).__name__, e)
try:
    print('tuple[()]', '->', repr(tuple[()]))
except Exception as e:
    print('tuple[()]', '!!', type(e).__name__, e)
try:
    print('Callable[..., int]', '->', repr(Callable[..., int]))
except Exception as e:
    print('Callable[..., int]', '!!', type(e).__name__, e)

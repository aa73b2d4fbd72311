# dataclass(kw_only=True), KW_ONLY, field(kw_only=...), InitVar: the generated __init__'s
# parameters, __match_args__, the signature in __doc__, fields(), and CPython's errors.
from dataclasses import InitVar, KW_ONLY, dataclass, field, fields


@dataclass(kw_only=True)
class A:
    x: int
    y: int = 2


print(A(x=1), A.__doc__, A.__match_args__, fields(A)[0].kw_only, fields(A)[1].kw_only)
try:
    A(1)
except TypeError as e:
    print(e)


@dataclass
class B:
    a: int
    _: KW_ONLY
    b: int = 0
    c: str


print(B(1, c='x'), B.__doc__, B.__match_args__, [(f.name, f.kw_only) for f in fields(B)])


@dataclass
class C(B):
    d: int


print(C(1, 2, c='z'), C.__doc__, C.__match_args__)
try:
    C(1, 2, 3)
except TypeError as e:
    print(e)


@dataclass
class D:
    a: int
    b: int = field(default=1, kw_only=True)
    c: int = 3
    scale: InitVar[int] = 2

    def __post_init__(self, scale):
        self.a *= scale


print(D(1), D(1, 5, scale=10, b=0), D.__doc__, D.__match_args__)
print([f.name for f in fields(D)], D.scale, D.__dataclass_fields__['scale'].type, D(2) == D(2))
print(InitVar[int], InitVar(str), InitVar[int].type, repr(InitVar))
try:
    @dataclass
    class E:
        _: KW_ONLY
        z: KW_ONLY
except TypeError as e:
    print(e)
try:
    @dataclass
    class F:
        v: InitVar[list] = field(default_factory=list)
except TypeError as e:
    print(e)


@dataclass
class G:
    v: InitVar[int]
    w: int = 0

    def __post_init__(self, v):
        self.w += v


print(G(3), G.__doc__, G.__match_args__)
try:
    G()
except TypeError as e:
    print(e)


@dataclass(kw_only=True, order=True, frozen=True)
class H:
    k: int
    n: int = field(default=0, kw_only=False)


print(H(1, k=2), H(k=1) < H(k=2), H.__doc__, hash(H(k=1)) == hash(H(k=1)), H.__match_args__)
try:
    @dataclass
    class I:
        a: int = 1
        b: int
except TypeError as e:
    print(e)


@dataclass
class J:
    a: int = 1
    b: int = field(kw_only=True)


print(J(b=2), J.__doc__)

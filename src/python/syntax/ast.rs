//! The syntax tree of the Python subset. Every statement and expression carries its 1-based
//! line (and expressions their column).

use std::rc::Rc;

use num_bigint::BigInt;

/// A parsed module: its top-level statements.
#[derive(Debug, Clone, Default)]
pub struct Module {
    pub body: Vec<Stmt>,
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub line: u32,
    pub kind: StmtKind,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: the targets left to right.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `target: annotation = value` where the annotation is evaluated (in a module or a
    /// class body; in a function an annotated assignment with a value is an `Assign`).
    /// `simple`: the target is a bare name (not parenthesised), whose annotation is stored
    /// in `__annotations__`.
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
        simple: bool,
    },
    Del(Vec<Expr>),
    Pass,
    Break,
    Continue,
    Return(Option<Expr>),
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Handler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    /// `with a as x, b: body` (items entered left to right).
    With {
        items: Vec<(Expr, Option<Expr>)>,
        body: Vec<Stmt>,
    },
    Raise(Option<Expr>),
    /// `raise exc from cause`.
    RaiseFrom {
        exc: Expr,
        cause: Expr,
    },
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    FunctionDef(Rc<FunctionDef>),
    ClassDef(Rc<ClassDef>),
    /// `match subject:` and its `case` blocks, tried in order.
    Match {
        subject: Expr,
        cases: Vec<MatchCase>,
    },
    /// `global a, b`: declarations, resolved before the function runs.
    Global(Vec<Rc<str>>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<Rc<str>>),
    /// `import a.b as c`: (dotted name, alias).
    Import(Vec<(String, Option<Rc<str>>)>),
    /// `from m import a as b`.
    ImportFrom {
        module: String,
        names: Vec<(Rc<str>, Option<Rc<str>>)>,
    },
}

#[derive(Debug, Clone)]
pub struct Handler {
    pub line: u32,
    /// `None` for a bare `except:`.
    pub types: Option<Expr>,
    pub name: Option<Rc<str>>,
    pub body: Vec<Stmt>,
}

/// One `case pattern if guard:` block of a `match` statement.
#[derive(Debug, Clone)]
pub struct MatchCase {
    pub line: u32,
    pub pattern: Pattern,
    pub guard: Option<Expr>,
    pub body: Vec<Stmt>,
}

/// A pattern of a `case` clause.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub line: u32,
    pub kind: PatternKind,
}

#[derive(Debug, Clone)]
pub enum PatternKind {
    /// A literal (other than None/True/False) or a dotted name: matches what is `==` to it.
    Value(Expr),
    /// `None`, `True`, `False`: matches what `is` it.
    Singleton(Constant),
    /// A name (not `_`): matches anything and binds it.
    Capture(Rc<str>),
    /// `_`: matches anything.
    Wildcard,
    /// `[a, *rest, b]` or `(a, b)` or `a, b`.
    Sequence(Vec<Pattern>),
    /// `*name` (`None` for `*_`) inside a sequence pattern.
    Star(Option<Rc<str>>),
    /// `{key: pattern, **rest}`.
    Mapping {
        keys: Vec<Expr>,
        patterns: Vec<Pattern>,
        rest: Option<Rc<str>>,
    },
    /// `Cls(p, q, attr=r)`.
    Class {
        cls: Expr,
        args: Vec<Pattern>,
        kwargs: Vec<(Rc<str>, Pattern)>,
    },
    /// `p | q | r`.
    Or(Vec<Pattern>),
    /// `pattern as name`.
    As(Box<Pattern>, Rc<str>),
}

impl Pattern {
    /// The names the pattern binds, in the order they are bound.
    pub fn names(&self, out: &mut Vec<Rc<str>>) {
        match &self.kind {
            PatternKind::Value(_) | PatternKind::Singleton(_) | PatternKind::Wildcard => {}
            PatternKind::Capture(n) => out.push(n.clone()),
            PatternKind::Star(n) => out.extend(n.iter().cloned()),
            PatternKind::Sequence(items) => items.iter().for_each(|p| p.names(out)),
            PatternKind::Mapping { patterns, rest, .. } => {
                patterns.iter().for_each(|p| p.names(out));
                out.extend(rest.iter().cloned());
            }
            PatternKind::Class { args, kwargs, .. } => {
                args.iter().for_each(|p| p.names(out));
                kwargs.iter().for_each(|(_, p)| p.names(out));
            }
            PatternKind::Or(alts) => {
                if let Some(first) = alts.first() {
                    first.names(out);
                }
            }
            PatternKind::As(p, n) => {
                p.names(out);
                out.push(n.clone());
            }
        }
    }

    /// The expressions the pattern evaluates (values, mapping keys, classes).
    pub fn exprs<'a>(&'a self, out: &mut Vec<&'a Expr>) {
        match &self.kind {
            PatternKind::Value(e) => out.push(e),
            PatternKind::Singleton(_)
            | PatternKind::Wildcard
            | PatternKind::Capture(_)
            | PatternKind::Star(_) => {}
            PatternKind::Sequence(items) | PatternKind::Or(items) => {
                items.iter().for_each(|p| p.exprs(out))
            }
            PatternKind::Mapping { keys, patterns, .. } => {
                out.extend(keys.iter());
                patterns.iter().for_each(|p| p.exprs(out));
            }
            PatternKind::Class { cls, args, kwargs } => {
                out.push(cls);
                args.iter().for_each(|p| p.exprs(out));
                kwargs.iter().for_each(|(_, p)| p.exprs(out));
            }
            PatternKind::As(p, _) => p.exprs(out),
        }
    }
}

/// How a parameter takes its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// Before a `/`.
    PositionalOnly,
    Normal,
    /// `*args`.
    VarArgs,
    /// After `*` or `*args`.
    KeywordOnly,
    /// `**kwargs`.
    VarKeywords,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: Rc<str>,
    pub default: Option<Expr>,
    pub kind: ParamKind,
    pub annotation: Option<Expr>,
}

#[derive(Debug)]
pub struct FunctionDef {
    pub name: Rc<str>,
    pub line: u32,
    /// The decorators, top to bottom (each applied bottom-up after the function is made).
    pub decorators: Vec<Expr>,
    /// Parameters in slot order: positional-only and normal, keyword-only, `*args`,
    /// `**kwargs`.
    pub params: Vec<Param>,
    /// The annotations of the parameters and the return (`"return"`), in the order CPython
    /// evaluates them and keeps them in `__annotations__`: normal parameters, positional-only
    /// ones, `*args`, keyword-only ones, `**kwargs`, the return.
    pub annotations: Vec<(Rc<str>, Expr)>,
    pub body: Vec<Stmt>,
    /// Every local name (parameters first, then in order of first binding), without the
    /// names declared `global` or `nonlocal`.
    pub locals: Vec<Rc<str>>,
    /// Names declared `global`.
    pub globals: Vec<Rc<str>>,
    /// Whether the simulator wrote it (a dataclass's `__init__`): its lines are not traced.
    pub generated: bool,
    /// Whether this is a `lambda` (its body is one `return`).
    pub is_lambda: bool,
    /// Whether this is an `async def` (calling it makes a coroutine).
    pub is_async: bool,
    /// Whether its body yields (calling it makes a generator).
    pub is_generator: bool,
    /// The docstring, if the body starts with a string.
    pub doc: Option<Rc<str>>,
    /// What the name-resolution pass decided (`syntax::scope`), set once after parsing.
    pub resolved: std::cell::OnceCell<Resolved>,
}

/// A `class` statement.
#[derive(Debug)]
pub struct ClassDef {
    pub name: Rc<str>,
    pub line: u32,
    pub decorators: Vec<Expr>,
    pub bases: Vec<Expr>,
    pub body: Vec<Stmt>,
    /// The docstring, if the body starts with a string.
    pub doc: Option<Rc<str>>,
    /// `Outer.Name` when nested in a class: set by the name-resolution pass.
    pub qualname: std::cell::OnceCell<Rc<str>>,
}

/// A function's scope as the name-resolution pass decided it.
#[derive(Debug, Default)]
pub struct Resolved {
    /// `outer.<locals>.inner`, `Cart.add`, `<lambda>`.
    pub qualname: Rc<str>,
    /// For each local, whether a nested function captures it (it then lives in a cell).
    pub cells: Vec<bool>,
    /// Names taken from enclosing functions (read, or assigned after `nonlocal`), in the
    /// order of the function value's closure.
    pub freevars: Vec<Rc<str>>,
}

impl FunctionDef {
    /// The slot of a local name.
    #[inline]
    pub fn local_slot(&self, name: &str) -> Option<usize> {
        slot_of(&self.locals, name)
    }

    pub fn qualname(&self) -> &Rc<str> {
        match self.resolved.get() {
            Some(r) => &r.qualname,
            None => &self.name,
        }
    }

    /// Whether local slot `i` is a cell.
    pub fn is_cell(&self, i: usize) -> bool {
        self.resolved
            .get()
            .and_then(|r| r.cells.get(i).copied())
            .unwrap_or(false)
    }

    /// Whether any local is a cell.
    pub fn has_cells(&self) -> bool {
        self.resolved
            .get()
            .is_some_and(|r| r.cells.iter().any(|c| *c))
    }

    pub fn freevars(&self) -> &[Rc<str>] {
        match self.resolved.get() {
            Some(r) => &r.freevars,
            None => &[],
        }
    }

    /// The closure index of a free variable.
    #[inline]
    pub fn free_slot(&self, name: &str) -> Option<usize> {
        slot_of(self.freevars(), name)
    }
}

/// Where `name` is in `names`. Names from the lexer share one string per spelling, so nearly
/// every hit is the same pointer: those are looked for first, without comparing text, and
/// the text is compared only when no pointer matches.
#[inline]
fn slot_of(names: &[Rc<str>], name: &str) -> Option<usize> {
    match names.iter().position(|n| std::ptr::eq(&**n, name)) {
        Some(i) => Some(i),
        None => names.iter().position(|n| &**n == name),
    }
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub line: u32,
    pub col: u32,
    /// How deeply nested the tree under this expression is (1 for a leaf).
    pub depth: u32,
    /// Whether a `yield` (or `yield from`) is in it, outside nested function bodies: the
    /// generator suspends while evaluating it.
    pub yields: bool,
    pub kind: ExprKind,
}

impl Expr {
    /// Whether CPython's compiler folds this expression into a constant (literals, and
    /// operators and tuples over them that cannot fail).
    pub fn is_folded_constant(&self) -> bool {
        match &self.kind {
            ExprKind::Const(_) => true,
            ExprKind::Unary(_, x) => {
                matches!(
                    &x.kind,
                    ExprKind::Const(Constant::Int(_) | Constant::Float(_) | Constant::Bool(_))
                ) || (matches!(x.kind, ExprKind::Unary(..)) && x.is_folded_constant())
            }
            ExprKind::Tuple(items) => items.iter().all(Expr::is_folded_constant),
            ExprKind::BinOp(l, op, r) => {
                let numeric = |e: &Expr| {
                    e.is_folded_constant()
                        && !matches!(
                            &e.kind,
                            ExprKind::Const(Constant::Str(_) | Constant::Bytes(_))
                                | ExprKind::Tuple(_)
                        )
                };
                if !(numeric(l) && numeric(r)) {
                    return false;
                }
                // The optimizer's size limits (128 bits) on `*`, `**` and `<<` of ints.
                let bits = |e: &Expr| match &e.kind {
                    ExprKind::Const(Constant::Int(n)) => Some(n.bits()),
                    _ => None,
                };
                match (op, bits(l), bits(r), &r.kind) {
                    (BinOp::Mul, Some(a), Some(b), _) => a == 0 || b == 0 || a + b <= 128,
                    (BinOp::Pow, Some(a), Some(_), ExprKind::Const(Constant::Int(w))) => {
                        let w = u64::try_from(w).unwrap_or(u64::MAX);
                        a == 0 || w == 0 || a <= 128 / w
                    }
                    (BinOp::LShift, Some(a), Some(_), ExprKind::Const(Constant::Int(w))) => {
                        let w = u64::try_from(w).unwrap_or(u64::MAX);
                        a == 0 || w == 0 || (w <= 128 && a <= 128 - w)
                    }
                    _ => true,
                }
            }
            _ => false,
        }
    }

    /// A `for` loop's (or a comprehension's) iterable as CPython's optimizer leaves it: a
    /// set display of constants becomes a frozenset constant, built item by item and built
    /// again from its own order when the compiler merges constants, which is what
    /// `{*(*{*(a, b, c)},)}` builds.
    pub fn folded_iterable(self) -> Expr {
        match &self.kind {
            ExprKind::Set(items)
                if !items.is_empty() && items.iter().all(Expr::is_folded_constant) =>
            {
                let (line, col) = (self.line, self.col);
                let ExprKind::Set(items) = self.kind else {
                    return self;
                };
                let star_set = |inner: Expr| {
                    let star = Expr::new(line, col, ExprKind::Starred(Box::new(inner)));
                    Expr::new(line, col, ExprKind::Set(vec![star]))
                };
                let first = star_set(Expr::new(line, col, ExprKind::Tuple(items)));
                let star = Expr::new(line, col, ExprKind::Starred(Box::new(first)));
                star_set(Expr::new(line, col, ExprKind::Tuple(vec![star])))
            }
            _ => self,
        }
    }

    /// An expression node; its depth and `yields` are computed from its children.
    pub fn new(line: u32, col: u32, kind: ExprKind) -> Expr {
        let children = kind.children();
        let depth = children.iter().map(|c| c.depth).max().unwrap_or(0) + 1;
        let yields = matches!(kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_))
            || children.iter().any(|c| c.yields);
        Expr {
            line,
            col,
            depth,
            yields,
            kind,
        }
    }

    /// A leaf (no `yield` in it).
    pub fn leaf(line: u32, col: u32, kind: ExprKind) -> Expr {
        Expr {
            line,
            col,
            depth: 1,
            yields: false,
            kind,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Constant {
    None,
    Bool(bool),
    Int(BigInt),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Ellipsis,
}

#[derive(Debug, Clone)]
pub enum FPart {
    Lit(Rc<str>),
    Field {
        expr: Box<Expr>,
        /// `'r'`, `'s'` or `'a'`.
        conversion: Option<char>,
        /// The format spec, itself possibly holding fields.
        spec: Vec<FPart>,
        /// The source text of the expression when written `{x=}`.
        debug_text: Option<Rc<str>>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitAnd,
    BitOr,
    BitXor,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    In,
    NotIn,
    Is,
    IsNot,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Const(Constant),
    Name(Rc<str>),
    FString(Vec<FPart>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    BinOp(Box<Expr>, BinOp, Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    /// `a and b` (`true`) or `a or b` (`false`).
    BoolOp(bool, Box<Expr>, Box<Expr>),
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        kwargs: Vec<(Rc<str>, Expr)>,
    },
    Attribute(Box<Expr>, Rc<str>),
    Subscript(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    ListComp(Box<Expr>, Vec<Comprehension>),
    SetComp(Box<Expr>, Vec<Comprehension>),
    DictComp(Box<Expr>, Box<Expr>, Vec<Comprehension>),
    /// A generator expression: a generator function `<genexpr>` (its one parameter `.0`
    /// is the first iterable) and that first iterable, evaluated where the expression is.
    GenExp(Rc<FunctionDef>, Box<Expr>),
    /// `yield x` / `yield` (only as a statement or an assignment's value).
    Yield(Option<Box<Expr>>),
    /// `yield from x` (only as a statement or an assignment's value).
    YieldFrom(Box<Expr>),
    /// `lambda params: body`: a function whose body is one `return`.
    Lambda(Rc<FunctionDef>),
    /// `*x` in a call's arguments, a list, tuple or set display, or an assignment target.
    Starred(Box<Expr>),
    /// `(x := value)`.
    NamedExpr(Rc<str>, Box<Expr>),
    /// `await x` (only inside an `async def`).
    Await(Box<Expr>),
    /// A value a suspended generator computed before a `yield` of the same expression
    /// (never written in source: the evaluator builds it when it resumes).
    Temp(u32),
}

/// The keyword name that marks `**mapping` among a call's keyword arguments (no keyword
/// can be spelled `**`).
pub const DOUBLE_STAR: &str = "**";

fn push_parts<'a>(parts: &'a [FPart], out: &mut Vec<&'a Expr>) {
    for part in parts {
        if let FPart::Field { expr, spec, .. } = part {
            out.push(expr);
            push_parts(spec, out);
        }
    }
}

fn push_comprehensions<'a>(gens: &'a [Comprehension], out: &mut Vec<&'a Expr>) {
    for g in gens {
        out.push(&g.target);
        out.push(&g.iter);
        out.extend(g.ifs.iter());
    }
}

impl ExprKind {
    /// The direct sub-expressions.
    pub fn children(&self) -> Vec<&Expr> {
        let mut out = Vec::new();
        match self {
            ExprKind::Const(_) | ExprKind::Name(_) | ExprKind::Temp(_) => {}
            ExprKind::Lambda(f) => {
                for p in &f.params {
                    if let Some(d) = &p.default {
                        out.push(d);
                    }
                }
            }
            ExprKind::Starred(e) | ExprKind::NamedExpr(_, e) | ExprKind::Await(e) => out.push(e),
            ExprKind::FString(parts) => push_parts(parts, &mut out),
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                out.extend(items.iter())
            }
            ExprKind::Dict(pairs) => {
                for (k, v) in pairs {
                    out.push(k);
                    out.push(v);
                }
            }
            ExprKind::BinOp(a, _, b) | ExprKind::BoolOp(_, a, b) => {
                out.push(a);
                out.push(b);
            }
            ExprKind::Unary(_, a) | ExprKind::Attribute(a, _) => out.push(a),
            ExprKind::Compare(first, rest) => {
                out.push(first);
                out.extend(rest.iter().map(|(_, e)| e));
            }
            ExprKind::IfExp { test, body, orelse } => {
                out.push(test);
                out.push(body);
                out.push(orelse);
            }
            ExprKind::Call { func, args, kwargs } => {
                out.push(func);
                out.extend(args.iter());
                out.extend(kwargs.iter().map(|(_, e)| e));
            }
            ExprKind::Subscript(a, b) => {
                out.push(a);
                out.push(b);
            }
            ExprKind::Slice(a, b, c) => {
                for e in [a, b, c].into_iter().flatten() {
                    out.push(e);
                }
            }
            ExprKind::GenExp(_, first) => out.push(first),
            ExprKind::Yield(e) => out.extend(e.as_deref()),
            ExprKind::YieldFrom(e) => out.push(e),
            ExprKind::ListComp(elt, gens) | ExprKind::SetComp(elt, gens) => {
                out.push(elt);
                push_comprehensions(gens, &mut out);
            }
            ExprKind::DictComp(k, v, gens) => {
                out.push(k);
                out.push(v);
                push_comprehensions(gens, &mut out);
            }
        }
        out
    }

    /// The direct sub-expressions a resumed generator can replace by values, in the order
    /// of [`ExprKind::children`] (empty for the kinds whose children are not evaluated in
    /// place: lambdas and comprehensions).
    pub fn children_mut(&mut self) -> Vec<&mut Expr> {
        let mut out: Vec<&mut Expr> = Vec::new();
        match self {
            ExprKind::Const(_)
            | ExprKind::Name(_)
            | ExprKind::Temp(_)
            | ExprKind::Lambda(_)
            | ExprKind::ListComp(..)
            | ExprKind::SetComp(..)
            | ExprKind::DictComp(..)
            | ExprKind::FString(_) => {}
            ExprKind::Starred(e) | ExprKind::NamedExpr(_, e) | ExprKind::Await(e) => out.push(e),
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                out.extend(items.iter_mut())
            }
            ExprKind::Dict(pairs) => {
                for (k, v) in pairs {
                    out.push(k);
                    out.push(v);
                }
            }
            ExprKind::BinOp(a, _, b) | ExprKind::BoolOp(_, a, b) => {
                out.push(a);
                out.push(b);
            }
            ExprKind::Unary(_, a) | ExprKind::Attribute(a, _) => out.push(a),
            ExprKind::Compare(first, rest) => {
                out.push(first);
                out.extend(rest.iter_mut().map(|(_, e)| e));
            }
            ExprKind::IfExp { test, body, orelse } => {
                out.push(test);
                out.push(body);
                out.push(orelse);
            }
            ExprKind::Call { func, args, kwargs } => {
                out.push(func);
                out.extend(args.iter_mut());
                out.extend(kwargs.iter_mut().map(|(_, e)| e));
            }
            ExprKind::Subscript(a, b) => {
                out.push(a);
                out.push(b);
            }
            ExprKind::Slice(a, b, c) => {
                for e in [a, b, c].into_iter().flatten() {
                    out.push(e);
                }
            }
            ExprKind::GenExp(_, first) => out.push(first),
            ExprKind::Yield(e) => out.extend(e.as_deref_mut()),
            ExprKind::YieldFrom(e) => out.push(e),
        }
        out
    }
}

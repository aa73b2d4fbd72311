//! CPython's compiler keeps one constant for equal constants across a whole module (its
//! constant cache, shared by every function, class and comprehension in it). A set display
//! of more than two constants is built from a frozenset constant, and a set display of
//! constants used as the iterable of `for` or of a comprehension, or as the right side of
//! the last `in`/`not in` of a comparison, becomes a frozenset constant itself. Equal
//! frozensets (their items compared with their types: `{1, 2, 3}` and `{1.0, 2, 3}` differ)
//! are one object: the first one compiled. Its layout comes from its own items, so a later
//! equal display iterates in the first one's order.
//!
//! This pass walks a module in the order CPython compiles it and gives every such display
//! the items of the first equal one; an iterable display is rewritten to what iterates as
//! its frozenset (see [`Expr::folded_iterable`]).

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::FromPrimitive;

use super::ast::{CmpOp, Comprehension, Constant, Expr, ExprKind, FPart, Stmt, StmtKind, UnaryOp};

#[derive(Default)]
struct Merger {
    /// The items of the first display compiled, by the key of its frozenset.
    first: Vec<(Vec<String>, Vec<Expr>)>,
}

/// Merges the constant set displays of a module's body.
pub(crate) fn merge_module(body: &mut [Stmt]) {
    Merger::default().stmts(body);
}

enum Val {
    Int(BigInt),
    Float(f64),
    Bool(bool),
    Text(char, Rc<[u8]>),
    Tuple(Vec<Val>),
}

fn value(e: &Expr) -> Option<Val> {
    Some(match &e.kind {
        ExprKind::Const(c) => match c {
            Constant::Int(n) => Val::Int(n.clone()),
            Constant::Float(f) => Val::Float(*f),
            Constant::Bool(b) => Val::Bool(*b),
            Constant::Str(s) => Val::Text('s', Rc::from(s.as_bytes())),
            Constant::Bytes(b) => Val::Text('y', b.clone()),
            Constant::None => Val::Text('N', Rc::from(&[][..])),
            Constant::Ellipsis => Val::Text('E', Rc::from(&[][..])),
        },
        ExprKind::Unary(op, x) => {
            let int = |v: Val| match v {
                Val::Int(n) => Some(n),
                Val::Bool(b) => Some(BigInt::from(b as u8)),
                _ => None,
            };
            match (op, value(x)?) {
                (UnaryOp::Neg, Val::Float(f)) => Val::Float(-f),
                (UnaryOp::Pos, Val::Float(f)) => Val::Float(f),
                (UnaryOp::Neg, v) => Val::Int(-int(v)?),
                (UnaryOp::Pos, v) => Val::Int(int(v)?),
                (UnaryOp::Invert, v) => Val::Int(-int(v)? - 1),
                _ => return None,
            }
        }
        ExprKind::Tuple(items) => Val::Tuple(items.iter().map(value).collect::<Option<_>>()?),
        _ => return None,
    })
}

/// A text for each value, equal for values Python finds `==` (`None` for a NaN, equal to
/// nothing).
fn eq_key(v: &Val) -> Option<String> {
    Some(match v {
        Val::Int(n) => format!("n{n}"),
        Val::Bool(b) => format!("n{}", *b as u8),
        Val::Float(f) if f.is_nan() => return None,
        Val::Float(f) if f.is_finite() && f.fract() == 0.0 => format!("n{}", BigInt::from_f64(*f)?),
        Val::Float(f) => format!("f{:x}", f.to_bits()),
        Val::Text(..) | Val::Tuple(_) => return typed_key(v, eq_key),
    })
}

/// A text for each value, equal for values of the same type that are `==` (the compiler's
/// constant key: `1`, `1.0` and `True` differ, and so do `0.0` and `-0.0`).
fn type_key(v: &Val) -> Option<String> {
    Some(match v {
        Val::Int(n) => format!("i{n}"),
        Val::Bool(b) => format!("b{}", *b as u8),
        Val::Float(f) if f.is_nan() => return None,
        Val::Float(f) => format!("f{:x}", f.to_bits()),
        Val::Text(..) | Val::Tuple(_) => return typed_key(v, type_key),
    })
}

fn typed_key(v: &Val, item: fn(&Val) -> Option<String>) -> Option<String> {
    Some(match v {
        Val::Text(kind, bytes) => {
            format!("{kind}{}:{}", bytes.len(), String::from_utf8_lossy(bytes))
        }
        Val::Tuple(items) => {
            let mut out = String::from("t(");
            for i in items {
                let k = item(i)?;
                out.push_str(&format!("{}:{k}", k.len()));
            }
            out + ")"
        }
        _ => item(v)?,
    })
}

/// The key of the frozenset built from these items: the keys of the items that stay in it
/// (the first of each group of equal ones), in sorted order.
fn set_key(items: &[Expr]) -> Option<Vec<String>> {
    let mut seen = Vec::new();
    let mut keys = Vec::new();
    for i in items {
        let v = value(i)?;
        let eq = eq_key(&v)?;
        if !seen.contains(&eq) {
            seen.push(eq);
            keys.push(type_key(&v)?);
        }
    }
    keys.sort();
    Some(keys)
}

fn all_constant(items: &[Expr]) -> bool {
    !items.is_empty() && items.iter().all(Expr::is_folded_constant)
}

impl Merger {
    /// A frozenset constant of these items is compiled here.
    fn constant(&mut self, items: &mut Vec<Expr>) {
        let Some(key) = set_key(items) else {
            return;
        };
        match self.first.iter().find(|(k, _)| *k == key) {
            Some((_, first)) => *items = first.clone(),
            None => self.first.push((key, items.clone())),
        }
    }

    fn stmts(&mut self, body: &mut [Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &mut Stmt) {
        match &mut s.kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) | StmtKind::Raise(Some(e)) => {
                self.expr(e)
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                targets.iter_mut().for_each(|t| self.expr(t));
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target);
                self.expr(value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                if let Some(v) = value {
                    self.expr(v);
                }
                self.expr(target);
                self.expr(annotation);
            }
            StmtKind::Del(targets) => targets.iter_mut().for_each(|t| self.expr(t)),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.iterable(iter);
                self.expr(target);
                self.stmts(body);
                self.stmts(orelse);
            }
            // CPython compiles the `else` block before the handlers.
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body);
                self.stmts(orelse);
                for h in handlers {
                    if let Some(t) = &mut h.types {
                        self.expr(t);
                    }
                    self.stmts(&mut h.body);
                }
                self.stmts(finalbody);
            }
            StmtKind::With { items, body } => {
                for (e, target) in items {
                    self.expr(e);
                    if let Some(t) = target {
                        self.expr(t);
                    }
                }
                self.stmts(body);
            }
            StmtKind::RaiseFrom { exc, cause } => {
                self.expr(exc);
                self.expr(cause);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::FunctionDef(f) => {
                if let Some(f) = Rc::get_mut(f) {
                    f.decorators.iter_mut().for_each(|d| self.expr(d));
                    self.function(f);
                }
            }
            // The body is compiled before the bases.
            StmtKind::ClassDef(c) => {
                if let Some(c) = Rc::get_mut(c) {
                    c.decorators.iter_mut().for_each(|d| self.expr(d));
                    self.stmts(&mut c.body);
                    c.bases.iter_mut().for_each(|b| self.expr(b));
                }
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject);
                for c in cases {
                    if let Some(g) = &mut c.guard {
                        self.expr(g);
                    }
                    self.stmts(&mut c.body);
                }
            }
            StmtKind::Return(None)
            | StmtKind::Raise(None)
            | StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Global(_)
            | StmtKind::Nonlocal(_)
            | StmtKind::Import(_)
            | StmtKind::ImportFrom { .. } => {}
        }
    }

    /// Defaults, annotations, then the body.
    fn function(&mut self, f: &mut super::ast::FunctionDef) {
        for p in &mut f.params {
            if let Some(d) = &mut p.default {
                self.expr(d);
            }
        }
        for (_, a) in &mut f.annotations {
            self.expr(a);
        }
        self.stmts(&mut f.body);
    }

    /// The iterable of `for` or of a comprehension.
    fn iterable(&mut self, e: &mut Expr) {
        match &mut e.kind {
            ExprKind::Set(items) if all_constant(items) => {
                self.constant(items);
                let (line, col) = (e.line, e.col);
                let folded = std::mem::replace(e, Expr::leaf(line, col, ExprKind::Temp(0)));
                *e = folded.folded_iterable();
            }
            _ => self.expr(e),
        }
    }

    /// The generators but the first one's iterable, then the element(s), then that iterable.
    fn comprehension(&mut self, elts: &mut [&mut Expr], gens: &mut [Comprehension]) {
        for (i, g) in gens.iter_mut().enumerate() {
            if i > 0 {
                self.iterable(&mut g.iter);
            }
            self.expr(&mut g.target);
            g.ifs.iter_mut().for_each(|c| self.expr(c));
        }
        for e in elts {
            self.expr(e);
        }
        if let Some(g) = gens.first_mut() {
            self.iterable(&mut g.iter);
        }
    }

    fn parts(&mut self, parts: &mut [FPart]) {
        for p in parts {
            if let FPart::Field { expr, spec, .. } = p {
                self.expr(expr);
                self.parts(spec);
            }
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        match &mut e.kind {
            ExprKind::Set(items) if items.len() > 2 && all_constant(items) => {
                self.constant(items);
                e.depth = items.iter().map(|i| i.depth).max().unwrap_or(0) + 1;
            }
            ExprKind::Compare(first, rest) => {
                self.expr(first);
                let n = rest.len();
                for (i, (op, c)) in rest.iter_mut().enumerate() {
                    match &mut c.kind {
                        ExprKind::Set(items)
                            if i + 1 == n
                                && matches!(op, CmpOp::In | CmpOp::NotIn)
                                && all_constant(items) =>
                        {
                            self.constant(items)
                        }
                        _ => self.expr(c),
                    }
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Lambda(f) => {
                if let Some(f) = Rc::get_mut(f) {
                    self.function(f);
                }
            }
            ExprKind::GenExp(f, first) => {
                if let Some(f) = Rc::get_mut(f) {
                    self.stmts(&mut f.body);
                }
                self.iterable(first);
            }
            ExprKind::ListComp(elt, gens) | ExprKind::SetComp(elt, gens) => {
                self.comprehension(&mut [&mut **elt], gens)
            }
            ExprKind::DictComp(k, v, gens) => self.comprehension(&mut [&mut **k, &mut **v], gens),
            ExprKind::FString(parts) => self.parts(parts),
            _ => {
                for c in e.kind.children_mut() {
                    self.expr(c);
                }
            }
        }
    }
}

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

/// Writes a text for a constant item, equal for items Python finds `==` (`typed`: equal
/// only for items of the same type as well, the compiler's constant key, where `1`, `1.0`
/// and `True` differ, and so do `0.0` and `-0.0`). `None` for what is not such a constant
/// (or a NaN, equal to nothing).
fn key(e: &Expr, typed: bool, out: &mut String) -> Option<()> {
    use std::fmt::Write;
    let (neg, e) = match &e.kind {
        ExprKind::Unary(UnaryOp::Neg, x) => (true, &**x),
        _ => (false, e),
    };
    let tag = if typed { 'i' } else { 'n' };
    let int = |n: BigInt| if neg { -n } else { n };
    let _ = match &e.kind {
        ExprKind::Tuple(items) if !neg => {
            out.push('(');
            for i in items {
                key(i, typed, out)?;
                out.push(',');
            }
            write!(out, ")")
        }
        ExprKind::Const(c) => match c {
            Constant::Int(n) => write!(out, "{tag}{}", int(n.clone())),
            Constant::Bool(b) if typed && !neg => write!(out, "b{}", *b as u8),
            Constant::Bool(b) => write!(out, "{tag}{}", int(BigInt::from(*b as u8))),
            Constant::Float(f) => {
                let f = if neg { -f } else { *f };
                match BigInt::from_f64(f) {
                    _ if f.is_nan() => return None,
                    Some(n) if !typed && f.fract() == 0.0 => write!(out, "n{n}"),
                    _ => write!(out, "f{:x}", f.to_bits()),
                }
            }
            Constant::Str(s) if !neg => write!(out, "s{s:?}"),
            Constant::Bytes(b) if !neg => write!(out, "y{b:?}"),
            Constant::None if !neg => write!(out, "N"),
            Constant::Ellipsis if !neg => write!(out, "E"),
            _ => return None,
        },
        _ => return None,
    };
    Some(())
}

/// The key of the frozenset built from these items: the typed keys of the items that stay
/// in it (the first of each group of equal ones).
fn set_key(items: &[Expr]) -> Option<Vec<String>> {
    let mut seen = Vec::new();
    let mut keys = Vec::new();
    for i in items {
        let mut eq = String::new();
        key(i, false, &mut eq)?;
        if !seen.contains(&eq) {
            let mut t = String::new();
            key(i, true, &mut t)?;
            seen.push(eq);
            keys.push(t);
        }
    }
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
        let same = |k: &Vec<String>| k.len() == key.len() && key.iter().all(|x| k.contains(x));
        match self.first.iter().find(|(k, _)| same(k)) {
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

//! Name resolution, decided once after parsing: for each function, which names are its
//! locals, which of those a nested function captures (they live in cells), which names it
//! takes from enclosing functions (free variables, the function value's closure) and which
//! are declared `global`. The evaluator then never guesses a scope while running.
//!
//! Python's rules: a name bound anywhere in a function body (assignment, `for`, `import`,
//! `def`, `except … as`, `:=`) is local to that function unless declared `global` or
//! `nonlocal`; a name only read is looked up in the enclosing functions, then the module,
//! then the builtins. Comprehension variables stay in the comprehension.

use std::rc::Rc;

use super::ast::*;
use crate::python::PyError;

type PResult<T> = Result<T, PyError>;

fn syntax(message: String, line: u32) -> PyError {
    PyError::Syntax {
        message: format!("SyntaxError: {message}"),
        line,
        column: 1,
    }
}

/// A function definition with its locals and declarations worked out from its body.
/// The generator function behind `(elt for target in first if cond …)`: its parameter `.0`
/// is the first iterable, its body the nested loops and tests, yielding `elt`.
pub(crate) fn make_genexp(line: u32, elt: Expr, gens: Vec<Comprehension>) -> (FunctionDef, Expr) {
    let mut gens = gens;
    let first = std::mem::replace(
        &mut gens[0].iter,
        Expr::leaf(line, 0, ExprKind::Name(Rc::from(".0"))),
    );
    let mut body = vec![Stmt {
        line: elt.line,
        kind: StmtKind::Expr(Expr {
            line: elt.line,
            col: elt.col,
            depth: elt.depth + 1,
            yields: true,
            kind: ExprKind::Yield(Some(Box::new(elt))),
        }),
    }];
    for g in gens.into_iter().rev() {
        for cond in g.ifs.into_iter().rev() {
            body = vec![Stmt {
                line: cond.line,
                kind: StmtKind::If {
                    test: cond,
                    body,
                    orelse: Vec::new(),
                },
            }];
        }
        body = vec![Stmt {
            line: g.iter.line,
            kind: StmtKind::For {
                target: g.target,
                iter: g.iter,
                body,
                orelse: Vec::new(),
            },
        }];
    }
    let param = Param {
        name: Rc::from(".0"),
        kind: ParamKind::PositionalOnly,
        default: None,
    };
    let mut def = make_function(Rc::from("<genexpr>"), line, vec![param], body, false);
    def.is_generator = true;
    (def, first)
}

pub(crate) fn make_function(
    name: Rc<str>,
    line: u32,
    params: Vec<Param>,
    body: Vec<Stmt>,
    is_lambda: bool,
) -> FunctionDef {
    let mut globals = Vec::new();
    let mut nonlocals = Vec::new();
    declarations(&body, &mut globals, &mut nonlocals);
    let mut locals: Vec<Rc<str>> = params.iter().map(|p| p.name.clone()).collect();
    bindings(&body, &mut locals);
    locals.retain(|n| params.iter().any(|p| p.name == *n) || !globals.contains(n));
    locals.retain(|n| params.iter().any(|p| p.name == *n) || !nonlocals.contains(n));
    let doc = match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(Expr {
            kind: ExprKind::Const(Constant::Str(s)),
            ..
        })) if !is_lambda => Some(s.clone()),
        _ => None,
    };
    FunctionDef {
        name,
        line,
        decorators: Vec::new(),
        params,
        body,
        locals,
        globals,
        is_lambda,
        is_async: false,
        is_generator: false,
        doc,
        resolved: Default::default(),
    }
}

/// Resolves every function in a module.
pub(crate) fn resolve_module(body: &[Stmt]) -> PResult<()> {
    for (f, comp, class_prefix) in nested_functions(body, "") {
        resolve(f, &[], &comp, &class_prefix)?;
    }
    Ok(())
}

/// Resolves one function; returns the names it needs from enclosing functions.
/// `comp` names the variables of the comprehensions the function is defined in.
fn resolve(
    f: &FunctionDef,
    enclosing: &[&FunctionDef],
    comp: &[Rc<str>],
    prefix: &str,
) -> PResult<Vec<Rc<str>>> {
    let qualname: Rc<str> = Rc::from(format!("{prefix}{}", f.name).as_str());
    let found_outside = |n: &str| {
        comp.iter().any(|c| &**c == n) || enclosing.iter().any(|e| e.local_slot(n).is_some())
    };
    let mut free: Vec<Rc<str>> = Vec::new();
    let add = |free: &mut Vec<Rc<str>>, n: &Rc<str>| {
        if !free.contains(n) {
            free.push(n.clone());
        }
    };
    let mut globals = Vec::new();
    let mut nonlocals = Vec::new();
    declarations_at(&f.body, &mut globals, &mut nonlocals);
    for (n, line) in &nonlocals {
        if f.params.iter().any(|p| p.name == *n) {
            return Err(syntax(
                format!("name '{n}' is parameter and nonlocal"),
                *line,
            ));
        }
        if !found_outside(n) {
            return Err(syntax(
                format!("no binding for nonlocal '{n}' found"),
                *line,
            ));
        }
        add(&mut free, n);
    }
    let mut reads = Vec::new();
    body_reads(&f.body, &mut reads);
    for n in &reads {
        if f.local_slot(n).is_none() && !f.globals.contains(n) && found_outside(n) {
            add(&mut free, n);
        }
    }
    let mut cells = vec![false; f.locals.len()];
    let mut inner: Vec<&FunctionDef> = enclosing.to_vec();
    inner.push(f);
    let inner_prefix = format!("{qualname}.<locals>.");
    for (child, child_comp, class_prefix) in nested_functions(&f.body, &inner_prefix) {
        for n in resolve(child, &inner, &child_comp, &class_prefix)? {
            if child_comp.contains(&n) {
                // A comprehension variable: its cell is the comprehension's.
                continue;
            }
            match f.local_slot(&n) {
                Some(i) => cells[i] = true,
                None if f.globals.contains(&n) => {}
                None => add(&mut free, &n),
            }
        }
    }
    let _ = f.resolved.set(Resolved {
        qualname,
        cells,
        freevars: free.clone(),
    });
    Ok(free)
}

/// `global` and `nonlocal` names declared in a body (not in nested functions).
fn declarations(body: &[Stmt], globals: &mut Vec<Rc<str>>, nonlocals: &mut Vec<Rc<str>>) {
    let mut g = Vec::new();
    let mut n = Vec::new();
    declarations_at(body, &mut g, &mut n);
    for (name, _) in g {
        if !globals.contains(&name) {
            globals.push(name);
        }
    }
    for (name, _) in n {
        if !nonlocals.contains(&name) {
            nonlocals.push(name);
        }
    }
}

fn declarations_at(
    body: &[Stmt],
    globals: &mut Vec<(Rc<str>, u32)>,
    nonlocals: &mut Vec<(Rc<str>, u32)>,
) {
    for s in body {
        match &s.kind {
            StmtKind::Global(names) => globals.extend(names.iter().map(|n| (n.clone(), s.line))),
            StmtKind::Nonlocal(names) => {
                nonlocals.extend(names.iter().map(|n| (n.clone(), s.line)))
            }
            _ => {}
        }
        for b in sub_blocks(s) {
            declarations_at(b, globals, nonlocals);
        }
    }
}

/// The blocks nested in a statement (not function bodies).
fn sub_blocks(s: &Stmt) -> Vec<&[Stmt]> {
    match &s.kind {
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => vec![body, orelse],
        StmtKind::With { body, .. } => vec![body],
        StmtKind::Match { cases, .. } => cases.iter().map(|c| &c.body[..]).collect(),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            let mut out: Vec<&[Stmt]> = vec![body];
            out.extend(handlers.iter().map(|h| &h.body[..]));
            out.push(orelse);
            out.push(finalbody);
            out
        }
        _ => Vec::new(),
    }
}

/// The expressions a statement evaluates in its own scope (targets included; for a nested
/// `def`, its decorators and defaults).
fn stmt_exprs(s: &Stmt) -> Vec<&Expr> {
    let mut out: Vec<&Expr> = Vec::new();
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) | StmtKind::Raise(Some(e)) => out.push(e),
        StmtKind::Assign { targets, value } => {
            out.extend(targets.iter());
            out.push(value);
        }
        StmtKind::AugAssign { target, value, .. } => {
            out.push(target);
            out.push(value);
        }
        StmtKind::Del(ts) => out.extend(ts.iter()),
        StmtKind::RaiseFrom { exc, cause } => {
            out.push(exc);
            out.push(cause);
        }
        StmtKind::If { test, .. } | StmtKind::While { test, .. } => out.push(test),
        StmtKind::For { target, iter, .. } => {
            out.push(target);
            out.push(iter);
        }
        StmtKind::Try { handlers, .. } => {
            out.extend(handlers.iter().filter_map(|h| h.types.as_ref()));
        }
        StmtKind::With { items, .. } => {
            for (e, t) in items {
                out.push(e);
                out.extend(t.iter());
            }
        }
        StmtKind::Assert { test, msg } => {
            out.push(test);
            out.extend(msg.iter());
        }
        StmtKind::Match { subject, cases } => {
            out.push(subject);
            for c in cases {
                c.pattern.exprs(&mut out);
                out.extend(c.guard.iter());
            }
        }
        StmtKind::FunctionDef(f) => {
            out.extend(f.decorators.iter());
            out.extend(f.params.iter().filter_map(|p| p.default.as_ref()));
        }
        StmtKind::ClassDef(c) => {
            out.extend(c.decorators.iter());
            out.extend(c.bases.iter());
        }
        _ => {}
    }
    out
}

/// The functions defined directly in a body: `def` statements and `lambda`s (not those
/// inside them).
/// Each comes with the variables of the comprehensions around it and the prefix of its
/// qualified name (`prefix`, then the classes it is defined in: `Cart.`). Functions in a
/// class body are nested in the class's enclosing function, not in the class.
fn nested_functions<'a>(
    body: &'a [Stmt],
    prefix: &str,
) -> Vec<(&'a FunctionDef, Vec<Rc<str>>, String)> {
    fn targets(e: &Expr, out: &mut Vec<Rc<str>>) {
        match &e.kind {
            ExprKind::Name(n) => out.push(n.clone()),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().for_each(|i| targets(i, out))
            }
            ExprKind::Starred(i) => targets(i, out),
            _ => {}
        }
    }
    fn in_expr<'a>(
        e: &'a Expr,
        comp: &[Rc<str>],
        prefix: &str,
        out: &mut Vec<(&'a FunctionDef, Vec<Rc<str>>, String)>,
    ) {
        if let ExprKind::Lambda(f) | ExprKind::GenExp(f, _) = &e.kind {
            out.push((f, comp.to_vec(), prefix.to_string()));
        }
        let gens = match &e.kind {
            ExprKind::ListComp(_, g) | ExprKind::SetComp(_, g) | ExprKind::DictComp(_, _, g) => {
                Some(g)
            }
            _ => None,
        };
        let mut inner = comp.to_vec();
        if let Some(gens) = gens {
            for g in gens {
                targets(&g.target, &mut inner);
            }
        }
        for c in e.kind.children() {
            in_expr(c, &inner, prefix, out);
        }
    }
    let mut out = Vec::new();
    for s in body {
        for e in stmt_exprs(s) {
            in_expr(e, &[], prefix, &mut out);
        }
        match &s.kind {
            StmtKind::FunctionDef(f) => out.push((f, Vec::new(), prefix.to_string())),
            StmtKind::ClassDef(c) => {
                let q = format!("{prefix}{}", c.name);
                let _ = c.qualname.set(Rc::from(q.as_str()));
                out.extend(nested_functions(&c.body, &format!("{q}.")));
            }
            _ => {}
        }
        for b in sub_blocks(s) {
            out.extend(nested_functions(b, prefix));
        }
    }
    out
}

/// Every name a body reads in its own scope.
fn body_reads(body: &[Stmt], out: &mut Vec<Rc<str>>) {
    fn in_expr(e: &Expr, out: &mut Vec<Rc<str>>) {
        if let ExprKind::Name(n) = &e.kind {
            out.push(n.clone());
        }
        for c in e.kind.children() {
            in_expr(c, out);
        }
    }
    for s in body {
        for e in stmt_exprs(s) {
            in_expr(e, out);
        }
        for b in sub_blocks(s) {
            body_reads(b, out);
        }
    }
}

/// Names bound by a body, in order of first binding (not descending into nested functions
/// or comprehensions, except for `:=`, which binds in the function).
fn bindings(body: &[Stmt], out: &mut Vec<Rc<str>>) {
    fn add(out: &mut Vec<Rc<str>>, name: &Rc<str>) {
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    fn target(e: &Expr, out: &mut Vec<Rc<str>>) {
        match &e.kind {
            ExprKind::Name(n) => add(out, n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    target(i, out);
                }
            }
            ExprKind::Starred(inner) => target(inner, out),
            _ => {}
        }
    }
    fn walrus(e: &Expr, out: &mut Vec<Rc<str>>) {
        if let ExprKind::NamedExpr(n, _) = &e.kind {
            add(out, n);
        }
        if matches!(e.kind, ExprKind::Lambda(_)) {
            return;
        }
        for c in e.kind.children() {
            walrus(c, out);
        }
    }
    for s in body {
        for e in stmt_exprs(s) {
            walrus(e, out);
        }
        match &s.kind {
            StmtKind::Assign { targets, .. } => {
                for t in targets {
                    target(t, out);
                }
            }
            StmtKind::AugAssign { target: t, .. } => target(t, out),
            StmtKind::Del(ts) => {
                for t in ts {
                    target(t, out);
                }
            }
            StmtKind::For { target: t, .. } => target(t, out),
            StmtKind::With { items, .. } => {
                for t in items.iter().filter_map(|(_, t)| t.as_ref()) {
                    target(t, out);
                }
            }
            StmtKind::Try { handlers, .. } => {
                for h in handlers {
                    if let Some(n) = &h.name {
                        add(out, n);
                    }
                }
            }
            StmtKind::Match { cases, .. } => {
                for c in cases {
                    let mut names = Vec::new();
                    c.pattern.names(&mut names);
                    for n in &names {
                        add(out, n);
                    }
                }
            }
            StmtKind::FunctionDef(f) => add(out, &f.name),
            StmtKind::ClassDef(c) => add(out, &c.name),
            StmtKind::Import(names) => {
                for (dotted, alias) in names {
                    let bound: Rc<str> = match alias {
                        Some(a) => a.clone(),
                        None => Rc::from(dotted.split('.').next().unwrap_or(dotted)),
                    };
                    add(out, &bound);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for (n, alias) in names {
                    add(out, alias.as_ref().unwrap_or(n));
                }
            }
            _ => {}
        }
        for b in sub_blocks(s) {
            bindings(b, out);
        }
    }
}

//! A recursive-descent parser for the Python subset, with precedence climbing for binary
//! operators. Valid Python outside the subset is refused as `Unsupported`, naming the
//! construct; invalid Python is a `SyntaxError` with Python's message where practical.

use std::collections::HashSet;
use std::rc::Rc;

use super::ast::*;
use super::lexer::{decode_escapes, tokenize, LexError, Tok, Token};
use super::scope::make_function;
use crate::python::PyError;

mod pattern;

/// The deepest expression tree accepted.
pub const MAX_EXPR_DEPTH: u32 = 200;

type PResult<T> = Result<T, PyError>;
type CallArgs = (Vec<Expr>, Vec<(Rc<str>, Expr)>);

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

pub(crate) fn lex_error(e: LexError) -> PyError {
    if e.unsupported {
        PyError::Unsupported {
            what: e.message,
            line: e.line,
        }
    } else {
        PyError::Syntax {
            message: format!("{}: {}", e.kind, e.message),
            line: e.line,
            column: e.col,
        }
    }
}

/// Where an `await` expression would be (CPython's SyntaxErrors differ by place).
#[derive(Clone, Copy, PartialEq, Eq)]
enum AwaitCtx {
    /// At module level or in a class body.
    Outside,
    /// In a `def` or a `lambda`.
    Sync,
    /// In an `async def`.
    Async,
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    /// Nesting of function definitions (for `return`).
    functions: usize,
    /// Nesting of loops in the current function (for `break`/`continue`).
    loops: usize,
    /// Line offset added to positions (for f-string expressions).
    line_offset: u32,
    /// What kind of code an `await` here would be in.
    await_ctx: AwaitCtx,
    /// Whether the function being parsed has a `yield` so far.
    saw_yield: bool,
    /// Where the stack was when parsing started.
    stack_base: usize,
    /// How many `**` the expression being parsed is inside (they nest to the right).
    powers: u32,
    /// Expression nodes made so far (a program past [`MAX_NODES`] is refused).
    nodes: usize,
}

/// The most expression nodes a program may have (a literal of a million items is one
/// node per item).
pub const MAX_NODES: usize = 2_000_000;

fn syntax(message: impl Into<String>, line: u32, column: u32) -> PyError {
    PyError::Syntax {
        message: format!("SyntaxError: {}", message.into()),
        line,
        column,
    }
}

fn unsupported(what: impl Into<String>, line: u32) -> PyError {
    PyError::Unsupported {
        what: what.into(),
        line,
    }
}

/// What Python calls an expression in "cannot assign to …" messages.
fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Const(Constant::None) => "None",
        ExprKind::Const(Constant::Bool(true)) => "True",
        ExprKind::Const(Constant::Bool(false)) => "False",
        ExprKind::Const(Constant::Ellipsis) => "ellipsis",
        ExprKind::Const(_) | ExprKind::FString(_) => "literal",
        ExprKind::Compare(..) => "comparison",
        ExprKind::BoolOp(..) | ExprKind::BinOp(..) | ExprKind::Unary(..) => "expression",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::SetComp(..) => "set comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::GenExp(..) => "generator expression",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::NamedExpr(..) => "named expression",
        ExprKind::Starred(_) => "starred",
        _ => "expression",
    }
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)].tok
    }

    fn peek_at(&self, n: usize) -> &Tok {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)].tok
    }

    fn tok(&self) -> &Token {
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn line(&self) -> u32 {
        self.tok().line + self.line_offset
    }

    fn col(&self) -> u32 {
        self.tok().col
    }

    fn advance(&mut self) -> Token {
        let t = self.tok().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if &**n == kw)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn invalid(&self) -> PyError {
        if let Tok::Indent = self.peek() {
            return PyError::Syntax {
                message: "IndentationError: unexpected indent".into(),
                line: self.line(),
                column: self.col(),
            };
        }
        syntax("invalid syntax", self.line(), self.col())
    }

    fn expect_op(&mut self, op: &str) -> PResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(self.invalid())
        }
    }

    fn expect_colon(&mut self) -> PResult<()> {
        if self.eat_op(":") {
            Ok(())
        } else if matches!(self.peek(), Tok::Newline | Tok::Eof) || self.is_op("=") {
            let prev = &self.toks[self.pos.saturating_sub(1)];
            let width = match &prev.tok {
                Tok::Name(n) => n.chars().count() as u32,
                Tok::Op(o) => o.len() as u32,
                _ => 1,
            };
            Err(syntax(
                "expected ':'",
                prev.line + self.line_offset,
                prev.col + width,
            ))
        } else {
            Err(self.invalid())
        }
    }

    fn name(&mut self) -> PResult<Rc<str>> {
        match self.peek().clone() {
            Tok::Name(n) if !is_keyword(&n) => {
                self.advance();
                Ok(n)
            }
            _ => Err(self.invalid()),
        }
    }

    fn mk(&mut self, line: u32, col: u32, kind: ExprKind) -> PResult<Expr> {
        self.nodes += 1;
        if self.nodes % 1024 == 0 {
            if self.nodes > MAX_NODES {
                return Err(unsupported(
                    format!("programs this large (more than {MAX_NODES} expressions)"),
                    line,
                ));
            }
            if crate::python::eval::budget::over_memory() {
                return Err(unsupported(
                    format!(
                        "programs this large (parsing needs more than {} MB of memory)",
                        crate::python::eval::budget::MEMORY_LIMIT >> 20
                    ),
                    line,
                ));
            }
        }
        let e = Expr::new(line, col, kind);
        if e.depth > MAX_EXPR_DEPTH {
            return Err(unsupported(
                format!("expressions nested more than {MAX_EXPR_DEPTH} levels deep"),
                line,
            ));
        }
        Ok(e)
    }

    // ---------------------------------------------------------------- statements

    fn module(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::Eof => break,
                Tok::Newline => {
                    self.advance();
                }
                _ => body.extend(self.statement()?),
            }
        }
        Ok(body)
    }

    /// A block after `:`: an indented suite or simple statements on the same line.
    fn block(&mut self, what: &str, header_line: u32) -> PResult<Vec<Stmt>> {
        if !matches!(self.peek(), Tok::Newline) {
            return self.simple_statements();
        }
        self.advance();
        if !matches!(self.peek(), Tok::Indent) {
            return Err(PyError::Syntax {
                message: format!(
                    "IndentationError: expected an indented block after {what} on line {header_line}"
                ),
                line: self.line(),
                column: self.col(),
            });
        }
        self.advance();
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::Dedent => {
                    self.advance();
                    break;
                }
                Tok::Eof => break,
                Tok::Newline => {
                    self.advance();
                }
                _ => body.extend(self.statement()?),
            }
        }
        Ok(body)
    }

    fn statement(&mut self) -> PResult<Vec<Stmt>> {
        self.check_stack()?;
        let line = self.line();
        let kw = match self.peek() {
            Tok::Name(n) => n.clone(),
            Tok::Op("@") => return Ok(vec![self.decorated(line)?]),
            Tok::Indent => return Err(self.invalid()),
            _ => return self.simple_statements(),
        };
        match &*kw {
            "if" => {
                self.advance();
                Ok(vec![self.if_statement(line, "'if' statement")?])
            }
            "while" => {
                self.advance();
                let test = self.named_test()?;
                self.expect_colon()?;
                self.loops += 1;
                let body = self.block("'while' statement", line);
                self.loops -= 1;
                let body = body?;
                let orelse = self.else_block()?;
                Ok(vec![Stmt {
                    line,
                    kind: StmtKind::While { test, body, orelse },
                }])
            }
            "for" => {
                self.advance();
                let target = self.target_list()?;
                self.check_target(&target, "assign")?;
                if !self.eat_kw("in") {
                    return Err(self.invalid());
                }
                let iter = self.test_list()?;
                self.expect_colon()?;
                self.loops += 1;
                let body = self.block("'for' statement", line);
                self.loops -= 1;
                let body = body?;
                let orelse = self.else_block()?;
                Ok(vec![Stmt {
                    line,
                    kind: StmtKind::For {
                        target,
                        iter,
                        body,
                        orelse,
                    },
                }])
            }
            "try" => {
                self.advance();
                Ok(vec![self.try_statement(line)?])
            }
            "def" => {
                self.advance();
                Ok(vec![self.function_def(line, false)?])
            }
            "class" => {
                self.advance();
                Ok(vec![self.class_def(line, Vec::new())?])
            }
            "with" => {
                self.advance();
                Ok(vec![self.with_statement(line)?])
            }
            "async" => {
                self.advance();
                if self.eat_kw("def") {
                    return Ok(vec![self.function_def(line, true)?]);
                }
                if self.is_kw("for") || self.is_kw("with") {
                    return Err(self.async_statement(line));
                }
                Err(self.invalid())
            }
            "match" if self.looks_like_match() => match self.try_match_statement(line)? {
                Some(s) => Ok(vec![s]),
                None => self.simple_statements(),
            },
            "elif" | "else" | "except" | "finally" => Err(self.invalid()),
            _ => self.simple_statements(),
        }
    }

    fn looks_like_match(&self) -> bool {
        // `match <subject>:` ending its line, where `match` is not used as a name.
        if matches!(self.peek_at(1), Tok::Op("=" | "." | ","))
            || matches!(self.peek_at(1), Tok::Newline)
        {
            return false;
        }
        let mut i = self.pos + 1;
        while i < self.toks.len() {
            match &self.toks[i].tok {
                Tok::Newline | Tok::Eof => {
                    return matches!(self.toks[i - 1].tok, Tok::Op(":"));
                }
                _ => i += 1,
            }
        }
        false
    }

    fn if_statement(&mut self, line: u32, what: &str) -> PResult<Stmt> {
        let test = self.named_test()?;
        self.expect_colon()?;
        let body = self.block(what, line)?;
        let orelse = if self.is_kw("elif") {
            let l = self.line();
            self.advance();
            vec![self.if_statement(l, "'elif' statement")?]
        } else {
            self.else_block()?
        };
        Ok(Stmt {
            line,
            kind: StmtKind::If { test, body, orelse },
        })
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.is_kw("else") {
            let l = self.line();
            self.advance();
            self.expect_colon()?;
            self.block("'else' statement", l)
        } else {
            Ok(Vec::new())
        }
    }

    fn try_statement(&mut self, line: u32) -> PResult<Stmt> {
        self.expect_colon()?;
        let body = self.block("'try' statement", line)?;
        let mut handlers = Vec::new();
        while self.is_kw("except") {
            let hline = self.line();
            self.advance();
            if self.is_op("*") {
                return Err(unsupported("'except*' (exception groups)", hline));
            }
            let (types, name) = if self.is_op(":") {
                (None, None)
            } else {
                let t = self.test()?;
                if self.is_op(",") {
                    return Err(syntax(
                        "multiple exception types must be parenthesized",
                        self.line(),
                        t.col,
                    ));
                }
                let name = if self.eat_kw("as") {
                    Some(self.name()?)
                } else {
                    None
                };
                (Some(t), name)
            };
            self.expect_colon()?;
            let hbody = self.block("'except' statement", hline)?;
            if handlers.iter().any(|h: &Handler| h.types.is_none()) {
                return Err(syntax("default 'except:' must be last", hline, 1));
            }
            handlers.push(Handler {
                line: hline,
                types,
                name,
                body: hbody,
            });
        }
        let orelse = if !handlers.is_empty() {
            self.else_block()?
        } else {
            Vec::new()
        };
        let finalbody = if self.is_kw("finally") {
            let l = self.line();
            self.advance();
            self.expect_colon()?;
            self.block("'finally' statement", l)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(syntax(
                "expected 'except' or 'finally' block",
                self.line(),
                self.col(),
            ));
        }
        Ok(Stmt {
            line,
            kind: StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
        })
    }

    /// `@decorator` lines and the `def` they decorate.
    fn decorated(&mut self, line: u32) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            decorators.push(self.named_test()?);
            if !matches!(self.peek(), Tok::Newline) {
                return Err(self.invalid());
            }
            self.advance();
        }
        let def_line = self.line();
        let is_async = self.eat_kw("async");
        if self.eat_kw("def") {
            let mut stmt = self.function_def(def_line, is_async)?;
            if let StmtKind::FunctionDef(f) = &mut stmt.kind {
                if let Some(f) = Rc::get_mut(f) {
                    f.decorators = decorators;
                }
            }
            return Ok(stmt);
        }
        if is_async {
            return Err(self.invalid());
        }
        if self.eat_kw("class") {
            return self.class_def(def_line, decorators);
        }
        let _ = line;
        Err(self.invalid())
    }

    fn class_def(&mut self, line: u32, decorators: Vec<Expr>) -> PResult<Stmt> {
        let name = self.name()?;
        let mut bases = Vec::new();
        if self.eat_op("(") {
            let (args, kwargs) = self.call_args()?;
            if let Some((k, e)) = kwargs.first() {
                return Err(unsupported(
                    format!("class keyword arguments ({k}=…)"),
                    e.line,
                ));
            }
            if let Some(e) = args.iter().find(|a| matches!(a.kind, ExprKind::Starred(_))) {
                return Err(unsupported("starred base classes", e.line));
            }
            bases = args;
        }
        self.expect_colon()?;
        let saved_loops = std::mem::replace(&mut self.loops, 0);
        let saved_functions = std::mem::replace(&mut self.functions, 0);
        let saved_await = std::mem::replace(&mut self.await_ctx, AwaitCtx::Outside);
        let body = self.block("class definition", line);
        self.loops = saved_loops;
        self.functions = saved_functions;
        self.await_ctx = saved_await;
        let body = body?;
        let doc = match body.first().map(|s| &s.kind) {
            Some(StmtKind::Expr(Expr {
                kind: ExprKind::Const(Constant::Str(s)),
                ..
            })) => Some(s.clone()),
            _ => None,
        };
        Ok(Stmt {
            line,
            kind: StmtKind::ClassDef(Rc::new(ClassDef {
                name,
                line,
                decorators,
                bases,
                body,
                doc,
                qualname: Default::default(),
            })),
        })
    }

    /// A parameter list up to `close` (`)` for `def`, `:` for `lambda`).
    fn parameters(&mut self, close: &str, line: u32, lambda: bool) -> PResult<Vec<Param>> {
        let mut params: Vec<Param> = Vec::new();
        let mut seen = HashSet::new();
        let mut kind = ParamKind::Normal;
        let mut saw_slash = false;
        let mut bare_star_at: Option<(u32, u32)> = None;
        while !self.is_op(close) {
            let pcol = self.col();
            if self.eat_op("/") {
                if saw_slash || params.is_empty() || kind != ParamKind::Normal {
                    return Err(self.invalid());
                }
                saw_slash = true;
                for p in params.iter_mut() {
                    p.kind = ParamKind::PositionalOnly;
                }
                if !self.eat_op(",") {
                    break;
                }
                continue;
            }
            let mut this_kind = kind;
            if self.eat_op("**") {
                this_kind = ParamKind::VarKeywords;
            } else if self.eat_op("*") {
                if kind == ParamKind::KeywordOnly {
                    return Err(syntax("* argument may appear only once", self.line(), pcol));
                }
                kind = ParamKind::KeywordOnly;
                if self.is_op(",") || self.is_op(close) {
                    bare_star_at = Some((self.line(), pcol));
                    self.eat_op(",");
                    continue;
                }
                this_kind = ParamKind::VarArgs;
            }
            let pname = self.name()?;
            let annotation = if !lambda && self.eat_op(":") {
                Some(self.test()?)
            } else {
                None
            };
            let default = if self.eat_op("=") {
                if matches!(this_kind, ParamKind::VarArgs | ParamKind::VarKeywords) {
                    return Err(self.invalid());
                }
                let d = self.test()?;
                refuse_yield(&d, "a parameter's default")?;
                Some(d)
            } else {
                None
            };
            if default.is_none()
                && matches!(this_kind, ParamKind::Normal | ParamKind::PositionalOnly)
                && params.iter().any(|p| p.default.is_some())
            {
                return Err(syntax(
                    "non-default argument follows default argument",
                    self.line(),
                    pcol,
                ));
            }
            if !seen.insert(pname.clone()) {
                return Err(syntax(
                    format!("duplicate argument '{pname}' in function definition"),
                    line,
                    pcol,
                ));
            }
            params.push(Param {
                name: pname,
                default,
                kind: this_kind,
                annotation,
            });
            if this_kind == ParamKind::VarKeywords {
                self.eat_op(",");
                if !self.is_op(close) {
                    return Err(self.invalid());
                }
                break;
            }
            if !self.eat_op(",") {
                break;
            }
        }
        if let Some((l, c)) = bare_star_at {
            if !params.iter().any(|p| p.kind == ParamKind::KeywordOnly) {
                return Err(syntax("named arguments must follow bare *", l, c));
            }
        }
        // Slots: positional-only and normal, then keyword-only, then *args, then **kwargs.
        let rank = |k: ParamKind| match k {
            ParamKind::PositionalOnly | ParamKind::Normal => 0,
            ParamKind::KeywordOnly => 1,
            ParamKind::VarArgs => 2,
            ParamKind::VarKeywords => 3,
        };
        params.sort_by_key(|p| rank(p.kind));
        Ok(params)
    }

    /// `with a as x, b:` or `with (a as x, b):`, after the `with`.
    fn with_statement(&mut self, line: u32) -> PResult<Stmt> {
        let start = self.pos;
        let items = match self.parenthesized_with_items() {
            Some(items) => items,
            None => {
                self.pos = start;
                let mut items = vec![self.with_item()?];
                while self.eat_op(",") {
                    items.push(self.with_item()?);
                }
                items
            }
        };
        self.expect_colon()?;
        let body = self.block("'with' statement", line)?;
        Ok(Stmt {
            line,
            kind: StmtKind::With { items, body },
        })
    }

    /// `(a as x, b,)` followed by `:`; `None` when the parentheses are part of the first
    /// expression instead (`with (a) as x:`, `with (yield_cm()):`).
    fn parenthesized_with_items(&mut self) -> Option<Vec<(Expr, Option<Expr>)>> {
        if !self.eat_op("(") {
            return None;
        }
        let mut items = Vec::new();
        loop {
            if self.is_op(")") && !items.is_empty() {
                break;
            }
            items.push(self.with_item().ok()?);
            if !self.eat_op(",") {
                break;
            }
        }
        if !self.eat_op(")") || !self.is_op(":") {
            return None;
        }
        Some(items)
    }

    fn with_item(&mut self) -> PResult<(Expr, Option<Expr>)> {
        let e = self.test()?;
        if self.eat_kw("as") {
            let t = self.target_item()?;
            self.check_target(&t, "assign")?;
            return Ok((e, Some(t)));
        }
        Ok((e, None))
    }

    /// `async for` / `async with` inside an `async def` (refused), or their SyntaxError
    /// outside one.
    fn async_statement(&self, line: u32) -> PyError {
        let what = if self.is_kw("for") { "for" } else { "with" };
        if self.await_ctx == AwaitCtx::Async {
            unsupported(format!("'async {what}'"), line)
        } else {
            syntax(
                format!("'async {what}' outside async function"),
                line,
                self.col(),
            )
        }
    }

    fn function_def(&mut self, line: u32, is_async: bool) -> PResult<Stmt> {
        let name = self.name()?;
        self.expect_op("(")?;
        let params = self.parameters(")", line, false)?;
        self.expect_op(")")?;
        let returns = if self.eat_op("->") {
            Some(self.test()?)
        } else {
            None
        };
        let mut annotations: Vec<(Rc<str>, Expr)> = Vec::new();
        for kind in [
            ParamKind::Normal,
            ParamKind::PositionalOnly,
            ParamKind::VarArgs,
            ParamKind::KeywordOnly,
            ParamKind::VarKeywords,
        ] {
            for p in params.iter().filter(|p| p.kind == kind) {
                if let Some(a) = &p.annotation {
                    annotations.push((p.name.clone(), a.clone()));
                }
            }
        }
        if let Some(r) = returns {
            annotations.push((Rc::from("return"), r));
        }
        self.expect_colon()?;
        let saved_loops = std::mem::replace(&mut self.loops, 0);
        let ctx = if is_async {
            AwaitCtx::Async
        } else {
            AwaitCtx::Sync
        };
        let saved_await = std::mem::replace(&mut self.await_ctx, ctx);
        let saved_yield = std::mem::replace(&mut self.saw_yield, false);
        self.functions += 1;
        let body = self.block("function definition", line);
        self.functions -= 1;
        self.loops = saved_loops;
        self.await_ctx = saved_await;
        let is_generator = std::mem::replace(&mut self.saw_yield, saved_yield);
        let body = body?;
        if is_generator {
            check_yield_places(&body)?;
        }
        let mut def = make_function(name, line, params, body, false);
        def.annotations = annotations;
        def.is_async = is_async;
        def.is_generator = is_generator;
        Ok(Stmt {
            line,
            kind: StmtKind::FunctionDef(Rc::new(def)),
        })
    }

    fn simple_statements(&mut self) -> PResult<Vec<Stmt>> {
        let mut out = vec![self.small_statement()?];
        while self.eat_op(";") {
            if matches!(self.peek(), Tok::Newline | Tok::Eof) {
                break;
            }
            out.push(self.small_statement()?);
        }
        match self.peek() {
            Tok::Newline => {
                self.advance();
            }
            Tok::Eof => {}
            _ => return Err(self.invalid()),
        }
        Ok(out)
    }

    fn small_statement(&mut self) -> PResult<Stmt> {
        let line = self.line();
        let col = self.col();
        let kw = match self.peek() {
            Tok::Name(n) => Some(n.clone()),
            _ => None,
        };
        let kind = match kw.as_deref() {
            Some("pass") => {
                self.advance();
                StmtKind::Pass
            }
            Some("break") => {
                self.advance();
                if self.loops == 0 {
                    return Err(syntax("'break' outside loop", line, col));
                }
                StmtKind::Break
            }
            Some("continue") => {
                self.advance();
                if self.loops == 0 {
                    return Err(syntax("'continue' not properly in loop", line, col));
                }
                StmtKind::Continue
            }
            Some("return") => {
                self.advance();
                if self.functions == 0 {
                    return Err(syntax("'return' outside function", line, col));
                }
                if self.at_statement_end() {
                    StmtKind::Return(None)
                } else {
                    StmtKind::Return(Some(self.test_list()?))
                }
            }
            Some("raise") => {
                self.advance();
                if self.at_statement_end() {
                    StmtKind::Raise(None)
                } else {
                    let e = self.test()?;
                    if self.eat_kw("from") {
                        let cause = self.test()?;
                        StmtKind::RaiseFrom { exc: e, cause }
                    } else {
                        StmtKind::Raise(Some(e))
                    }
                }
            }
            Some("del") => {
                self.advance();
                let target = self.target_list()?;
                let targets = match target.kind {
                    ExprKind::Tuple(items) if !self.was_parenthesized(&target) => items,
                    _ => vec![target],
                };
                for t in &targets {
                    self.check_target(t, "delete")?;
                }
                StmtKind::Del(targets)
            }
            Some("assert") => {
                self.advance();
                let test = self.test()?;
                let msg = if self.eat_op(",") {
                    Some(self.test()?)
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Some("import") => {
                self.advance();
                let mut names = Vec::new();
                loop {
                    let dotted = self.dotted_name()?;
                    let alias = if self.eat_kw("as") {
                        Some(self.name()?)
                    } else {
                        None
                    };
                    names.push((dotted, alias));
                    if !self.eat_op(",") {
                        break;
                    }
                }
                StmtKind::Import(names)
            }
            Some("from") => {
                self.advance();
                if self.is_op(".") || self.is_op("...") {
                    return Err(unsupported("relative imports", line));
                }
                let module = self.dotted_name()?;
                if !self.eat_kw("import") {
                    return Err(self.invalid());
                }
                if self.is_op("*") {
                    return Err(unsupported("'from ... import *'", line));
                }
                let paren = self.eat_op("(");
                let mut names = Vec::new();
                loop {
                    let n = self.name()?;
                    let alias = if self.eat_kw("as") {
                        Some(self.name()?)
                    } else {
                        None
                    };
                    names.push((n, alias));
                    if !self.eat_op(",") {
                        break;
                    }
                    if paren && self.is_op(")") {
                        break;
                    }
                }
                if paren {
                    self.expect_op(")")?;
                }
                StmtKind::ImportFrom { module, names }
            }
            Some(kw @ ("global" | "nonlocal")) => {
                let global = kw == "global";
                self.advance();
                let mut names = vec![self.name()?];
                while self.eat_op(",") {
                    names.push(self.name()?);
                }
                if global {
                    StmtKind::Global(names)
                } else {
                    if self.functions == 0 {
                        return Err(syntax(
                            "nonlocal declaration not allowed at module level",
                            line,
                            col,
                        ));
                    }
                    StmtKind::Nonlocal(names)
                }
            }
            Some("print") if matches!(self.peek_at(1), Tok::Str { .. } | Tok::Int(_)) => {
                return Err(syntax(
                    "Missing parentheses in call to 'print'. Did you mean print(...)?",
                    line,
                    col,
                ))
            }
            _ => return self.expression_statement(line),
        };
        Ok(Stmt { line, kind })
    }

    fn at_statement_end(&self) -> bool {
        matches!(self.peek(), Tok::Newline | Tok::Eof | Tok::Op(";"))
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = self.name()?.to_string();
        while self.eat_op(".") {
            name.push('.');
            name.push_str(&self.name()?);
        }
        Ok(name)
    }

    /// `yield`, `yield x, y`, `yield from x`, where a generator can suspend: as a
    /// statement or as an assignment's value.
    fn yield_expr(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        self.advance();
        if self.functions == 0 {
            return Err(syntax("'yield' outside function", line, col));
        }
        if self.await_ctx == AwaitCtx::Async {
            return Err(unsupported(
                "async generators ('yield' in an 'async def')",
                line,
            ));
        }
        self.saw_yield = true;
        if self.eat_kw("from") {
            let e = self.test()?;
            return self.mk(line, col, ExprKind::YieldFrom(Box::new(e)));
        }
        if self.at_statement_end() || self.is_op(")") {
            return self.mk(line, col, ExprKind::Yield(None));
        }
        let e = self.test_list_star()?;
        self.mk(line, col, ExprKind::Yield(Some(Box::new(e))))
    }

    fn expression_statement(&mut self, line: u32) -> PResult<Stmt> {
        if self.is_kw("yield") {
            let e = self.yield_expr()?;
            if !self.at_statement_end() {
                return Err(self.invalid());
            }
            return Ok(Stmt {
                line,
                kind: StmtKind::Expr(e),
            });
        }
        let parenthesized = self.is_op("(");
        let first = self.test_list_star()?;
        if let Tok::Op(op) = self.peek().clone() {
            let aug = match op {
                "+=" => Some(BinOp::Add),
                "-=" => Some(BinOp::Sub),
                "*=" => Some(BinOp::Mul),
                "/=" => Some(BinOp::Div),
                "//=" => Some(BinOp::FloorDiv),
                "%=" => Some(BinOp::Mod),
                "**=" => Some(BinOp::Pow),
                "&=" => Some(BinOp::BitAnd),
                "|=" => Some(BinOp::BitOr),
                "^=" => Some(BinOp::BitXor),
                "<<=" => Some(BinOp::LShift),
                ">>=" => Some(BinOp::RShift),
                "@=" => return Err(unsupported("matrix multiplication (@)", line)),
                _ => None,
            };
            if let Some(op) = aug {
                match first.kind {
                    ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => {}
                    _ => {
                        return Err(syntax(
                            format!(
                                "'{}' is an illegal expression for augmented assignment",
                                describe(&first)
                            ),
                            first.line,
                            first.col,
                        ))
                    }
                }
                self.advance();
                let value = if self.is_kw("yield") {
                    self.yield_expr()?
                } else {
                    self.test_list()?
                };
                return Ok(Stmt {
                    line,
                    kind: StmtKind::AugAssign {
                        target: first,
                        op,
                        value,
                    },
                });
            }
            if op == ":" {
                // An annotated assignment. In a function its annotation is never evaluated,
                // so with a value it is a plain assignment.
                let what = match &first.kind {
                    ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => None,
                    ExprKind::Tuple(_) => Some("only single target (not tuple) can be annotated"),
                    ExprKind::List(_) => Some("only single target (not list) can be annotated"),
                    _ => Some("illegal target for annotation"),
                };
                if let Some(what) = what {
                    return Err(syntax(what, first.line, first.col));
                }
                self.advance();
                let annotation = self.test()?;
                let value = if self.eat_op("=") {
                    Some(if self.is_kw("yield") {
                        self.yield_expr()?
                    } else {
                        self.test_list_star()?
                    })
                } else {
                    None
                };
                if let (Some(value), true) = (&value, self.functions > 0) {
                    return Ok(Stmt {
                        line,
                        kind: StmtKind::Assign {
                            targets: vec![first],
                            value: value.clone(),
                        },
                    });
                }
                let simple = matches!(first.kind, ExprKind::Name(_)) && !parenthesized;
                return Ok(Stmt {
                    line,
                    kind: StmtKind::AnnAssign {
                        target: first,
                        annotation,
                        value,
                        simple,
                    },
                });
            }
            if op == "=" {
                let mut targets = vec![first];
                let mut value;
                loop {
                    self.advance();
                    if self.is_kw("yield") {
                        value = self.yield_expr()?;
                        break;
                    }
                    value = self.test_list_star()?;
                    if !self.is_op("=") {
                        break;
                    }
                    targets.push(value);
                }
                for t in &targets {
                    self.check_target(t, "assign")?;
                }
                return Ok(Stmt {
                    line,
                    kind: StmtKind::Assign { targets, value },
                });
            }
        }
        if !self.at_statement_end() {
            return Err(self.juxtaposed(&first));
        }
        Ok(Stmt {
            line,
            kind: StmtKind::Expr(first),
        })
    }

    /// The error for an expression followed by something that cannot continue it.
    fn juxtaposed(&self, _prev: &Expr) -> PyError {
        self.invalid()
    }

    fn was_parenthesized(&self, _e: &Expr) -> bool {
        false
    }

    fn check_target(&self, e: &Expr, verb: &str) -> PResult<()> {
        match &e.kind {
            ExprKind::Name(n) => {
                if is_keyword(n) {
                    return Err(syntax("invalid syntax", e.line, e.col));
                }
                Ok(())
            }
            ExprKind::Attribute(..) | ExprKind::Subscript(..) => Ok(()),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let stars = items
                    .iter()
                    .filter(|i| matches!(i.kind, ExprKind::Starred(_)))
                    .count();
                if stars > 1 && verb == "assign" {
                    return Err(syntax(
                        "multiple starred expressions in assignment",
                        e.line,
                        e.col,
                    ));
                }
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) if verb == "assign" => {
                            self.check_target(inner, verb)?
                        }
                        _ => self.check_target(item, verb)?,
                    }
                }
                Ok(())
            }
            ExprKind::Starred(_) if verb == "assign" => Err(syntax(
                "starred assignment target must be in a list or tuple",
                e.line,
                e.col,
            )),
            _ => {
                let what = describe(e);
                let msg = if verb == "assign" {
                    if matches!(
                        e.kind,
                        ExprKind::Call { .. } | ExprKind::Const(_) | ExprKind::BinOp(..)
                    ) {
                        format!(
                            "cannot assign to {what} here. Maybe you meant '==' instead of '='?"
                        )
                    } else {
                        format!("cannot assign to {what}")
                    }
                } else {
                    format!("cannot delete {what}")
                };
                Err(syntax(msg, e.line, e.col))
            }
        }
    }

    // ---------------------------------------------------------------- expressions

    /// `a, b` as targets: expressions at `|` precedence, so `in` is left alone.
    fn target_list(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let first = self.target_item()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_kw("in") || self.is_op("=") || self.at_statement_end() {
                break;
            }
            items.push(self.target_item()?);
        }
        self.mk(line, col, ExprKind::Tuple(items))
    }

    fn target_item(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        if self.eat_op("*") {
            let inner = self.binary(0)?;
            return self.mk(line, col, ExprKind::Starred(Box::new(inner)));
        }
        self.binary(0)
    }

    /// `a, b` as values (a tuple when there is a comma).
    fn test_list(&mut self) -> PResult<Expr> {
        self.test_list_star()
    }

    fn test_list_star(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let first = self.star_or_test()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_statement_end() || self.is_op("=") || self.is_op(")") || self.is_op(":") {
                break;
            }
            items.push(self.star_or_test()?);
        }
        self.mk(line, col, ExprKind::Tuple(items))
    }

    fn star_or_test(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        if self.eat_op("*") {
            let inner = self.binary(0)?;
            return self.mk(line, col, ExprKind::Starred(Box::new(inner)));
        }
        self.named_test()
    }

    /// A test that may be followed by `:=` (refused).
    fn named_test(&mut self) -> PResult<Expr> {
        self.check_stack()?;
        let (line, col) = (self.line(), self.col());
        let e = self.test()?;
        if self.eat_op(":=") {
            let ExprKind::Name(n) = &e.kind else {
                return Err(syntax(
                    format!("cannot use assignment expressions with {}", describe(&e)),
                    e.line,
                    e.col,
                ));
            };
            let n = n.clone();
            let value = self.test()?;
            return self.mk(line, col, ExprKind::NamedExpr(n, Box::new(value)));
        }
        Ok(e)
    }

    fn test(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        if self.eat_kw("lambda") {
            let params = self.parameters(":", line, true)?;
            self.expect_op(":")?;
            let saved_loops = std::mem::replace(&mut self.loops, 0);
            let saved_await = std::mem::replace(&mut self.await_ctx, AwaitCtx::Sync);
            let saved_yield = std::mem::replace(&mut self.saw_yield, false);
            self.functions += 1;
            let body = self.test();
            self.functions -= 1;
            self.loops = saved_loops;
            self.await_ctx = saved_await;
            let is_generator = std::mem::replace(&mut self.saw_yield, saved_yield);
            let body = body?;
            let ret = Stmt {
                line: body.line,
                kind: StmtKind::Return(Some(body)),
            };
            let mut f = make_function(Rc::from("<lambda>"), line, params, vec![ret], true);
            f.is_generator = is_generator;
            return self.mk(line, col, ExprKind::Lambda(Rc::new(f)));
        }
        if self.is_kw("yield") {
            return Err(self.invalid());
        }
        let body = self.or_test()?;
        if self.is_kw("if") {
            self.advance();
            let test = self.or_test()?;
            if !self.eat_kw("else") {
                return Err(syntax(
                    "expected 'else' after 'if' expression",
                    self.line(),
                    self.col(),
                ));
            }
            let orelse = self.test()?;
            return self.mk(
                line,
                col,
                ExprKind::IfExp {
                    test: Box::new(test),
                    body: Box::new(body),
                    orelse: Box::new(orelse),
                },
            );
        }
        Ok(body)
    }

    fn or_test(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let mut left = self.and_test()?;
        while self.eat_kw("or") {
            let right = self.and_test()?;
            left = self.mk(
                line,
                col,
                ExprKind::BoolOp(false, Box::new(left), Box::new(right)),
            )?;
        }
        Ok(left)
    }

    fn and_test(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let mut left = self.not_test()?;
        while self.eat_kw("and") {
            let right = self.not_test()?;
            left = self.mk(
                line,
                col,
                ExprKind::BoolOp(true, Box::new(left), Box::new(right)),
            )?;
        }
        Ok(left)
    }

    fn not_test(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        if self.eat_kw("not") {
            let mut count = 1u32;
            while self.eat_kw("not") {
                count += 1;
                if count > MAX_EXPR_DEPTH {
                    return Err(unsupported(
                        format!("expressions nested more than {MAX_EXPR_DEPTH} levels deep"),
                        line,
                    ));
                }
            }
            let mut e = self.comparison()?;
            for _ in 0..count {
                e = self.mk(line, col, ExprKind::Unary(UnaryOp::Not, Box::new(e)))?;
            }
            return Ok(e);
        }
        self.comparison()
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let first = self.binary(0)?;
        let mut rest = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::Op("==") => CmpOp::Eq,
                Tok::Op("!=") => CmpOp::NotEq,
                Tok::Op("<") => CmpOp::Lt,
                Tok::Op("<=") => CmpOp::LtE,
                Tok::Op(">") => CmpOp::Gt,
                Tok::Op(">=") => CmpOp::GtE,
                Tok::Name(n) if &**n == "in" => CmpOp::In,
                Tok::Name(n) if &**n == "is" => {
                    if matches!(self.peek_at(1), Tok::Name(m) if &**m == "not") {
                        self.advance();
                        CmpOp::IsNot
                    } else {
                        CmpOp::Is
                    }
                }
                Tok::Name(n)
                    if &**n == "not" && matches!(self.peek_at(1), Tok::Name(m) if &**m == "in") =>
                {
                    self.advance();
                    CmpOp::NotIn
                }
                _ => break,
            };
            self.advance();
            rest.push((op, self.binary(0)?));
        }
        if rest.is_empty() {
            Ok(first)
        } else {
            self.mk(line, col, ExprKind::Compare(Box::new(first), rest))
        }
    }

    /// Binary operators by precedence climbing; precedence from `|` (0) up to `* / // %` (5).
    fn binary(&mut self, min_prec: u8) -> PResult<Expr> {
        self.check_stack()?;
        let (line, col) = (self.line(), self.col());
        let mut left = self.factor()?;
        loop {
            let (op, prec) = match self.peek() {
                Tok::Op("|") => (BinOp::BitOr, 0),
                Tok::Op("^") => (BinOp::BitXor, 1),
                Tok::Op("&") => (BinOp::BitAnd, 2),
                Tok::Op("<<") => (BinOp::LShift, 3),
                Tok::Op(">>") => (BinOp::RShift, 3),
                Tok::Op("+") => (BinOp::Add, 4),
                Tok::Op("-") => (BinOp::Sub, 4),
                Tok::Op("*") => (BinOp::Mul, 5),
                Tok::Op("/") => (BinOp::Div, 5),
                Tok::Op("//") => (BinOp::FloorDiv, 5),
                Tok::Op("%") => (BinOp::Mod, 5),
                Tok::Op("@") => return Err(unsupported("matrix multiplication (@)", self.line())),
                _ => break,
            };
            if prec < min_prec {
                break;
            }
            self.advance();
            let right = self.binary(prec + 1)?;
            left = self.mk(
                line,
                col,
                ExprKind::BinOp(Box::new(left), op, Box::new(right)),
            )?;
        }
        Ok(left)
    }

    /// Refuses nesting that would use too much of the thread's stack.
    fn check_stack(&self) -> PResult<()> {
        if crate::python::eval::stack::used_since(self.stack_base)
            > crate::python::eval::stack::PARSE_BUDGET
        {
            return Err(unsupported(
                "expressions or blocks nested this deeply",
                self.line(),
            ));
        }
        Ok(())
    }

    fn factor(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let mut ops = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::Op("-") => UnaryOp::Neg,
                Tok::Op("+") => UnaryOp::Pos,
                Tok::Op("~") => UnaryOp::Invert,
                _ => break,
            };
            self.advance();
            ops.push((op, self.line(), self.col()));
            if ops.len() as u32 > MAX_EXPR_DEPTH {
                return Err(unsupported(
                    format!("expressions nested more than {MAX_EXPR_DEPTH} levels deep"),
                    line,
                ));
            }
        }
        let mut e = self.power()?;
        for (op, _, _) in ops.into_iter().rev() {
            e = self.mk(line, col, ExprKind::Unary(op, Box::new(e)))?;
        }
        Ok(e)
    }

    fn power(&mut self) -> PResult<Expr> {
        let base = self.primary()?;
        if self.is_op("**") {
            return self.power_rest(base);
        }
        Ok(base)
    }

    #[inline(never)]
    fn power_rest(&mut self, base: Expr) -> PResult<Expr> {
        let (line, col) = (base.line, base.col);
        self.advance();
        // `a ** b ** c …` nests to the right, one level of recursion per `**`.
        if self.powers >= MAX_EXPR_DEPTH {
            return Err(unsupported(
                format!("expressions nested more than {MAX_EXPR_DEPTH} levels deep"),
                line,
            ));
        }
        self.check_stack()?;
        self.powers += 1;
        let exp = self.factor();
        self.powers -= 1;
        let exp = exp?;
        self.mk(
            line,
            col,
            ExprKind::BinOp(Box::new(base), BinOp::Pow, Box::new(exp)),
        )
    }

    fn primary(&mut self) -> PResult<Expr> {
        if self.is_kw("await") {
            let (line, col) = (self.line(), self.col());
            match self.await_ctx {
                AwaitCtx::Outside => return Err(syntax("'await' outside function", line, col)),
                AwaitCtx::Sync => return Err(syntax("'await' outside async function", line, col)),
                AwaitCtx::Async => {}
            }
            self.advance();
            let operand = self.primary()?;
            return self.mk(line, col, ExprKind::Await(Box::new(operand)));
        }
        let mut e = self.atom()?;
        while self.is_op(".") || self.is_op("(") || self.is_op("[") {
            e = self.trailer(e)?;
        }
        Ok(e)
    }

    /// `.name`, `(args)` or `[index]` after a primary.
    #[inline(never)]
    fn trailer(&mut self, e: Expr) -> PResult<Expr> {
        let (line, col) = (e.line, e.col);
        if self.eat_op(".") {
            // CPython 3.11 reports an attribute (and a method call) on the line of its name.
            let name_line = self.line();
            let name = match self.peek().clone() {
                Tok::Name(n) => {
                    self.advance();
                    n
                }
                _ => return Err(self.invalid()),
            };
            return self.mk(name_line, col, ExprKind::Attribute(Box::new(e), name));
        }
        if self.eat_op("(") {
            let line = match &e.kind {
                ExprKind::Attribute(..) => e.line,
                _ => line,
            };
            let (args, kwargs) = self.call_args()?;
            return self.mk(
                line,
                col,
                ExprKind::Call {
                    func: Box::new(e),
                    args,
                    kwargs,
                },
            );
        }
        self.expect_op("[")?;
        let index = self.subscript_list()?;
        self.expect_op("]")?;
        self.mk(line, col, ExprKind::Subscript(Box::new(e), Box::new(index)))
    }

    fn call_args(&mut self) -> PResult<CallArgs> {
        let mut args = Vec::new();
        let mut kwargs: Vec<(Rc<str>, Expr)> = Vec::new();
        while !self.is_op(")") {
            let (line, col) = (self.line(), self.col());
            if self.eat_op("**") {
                let e = self.test()?;
                kwargs.push((Rc::from(DOUBLE_STAR), e));
                if !self.eat_op(",") {
                    break;
                }
                continue;
            }
            if self.eat_op("*") {
                let inner = self.test()?;
                if kwargs.iter().any(|(k, _)| &**k == DOUBLE_STAR) {
                    return Err(syntax(
                        "iterable argument unpacking follows keyword argument unpacking",
                        line,
                        col,
                    ));
                }
                args.push(self.mk(line, col, ExprKind::Starred(Box::new(inner)))?);
                if !self.eat_op(",") {
                    break;
                }
                continue;
            }
            if let (Tok::Name(n), Tok::Op("=")) = (self.peek().clone(), self.peek_at(1).clone()) {
                if is_keyword(&n) {
                    return Err(self.invalid());
                }
                self.advance();
                self.advance();
                if kwargs.iter().any(|(k, _)| *k == n) {
                    return Err(syntax(format!("keyword argument repeated: {n}"), line, col));
                }
                kwargs.push((n, self.test()?));
            } else {
                let e = self.named_test()?;
                if self.is_kw("for") {
                    let gens = self.comprehension_clauses()?;
                    let g = self.genexp(line, col, e, gens)?;
                    if !args.is_empty()
                        || !kwargs.is_empty()
                        || self.is_op(",") && !matches!(self.peek_at(1), Tok::Op(")"))
                    {
                        return Err(syntax(
                            "Generator expression must be parenthesized",
                            line,
                            col,
                        ));
                    }
                    args.push(g);
                } else {
                    if !kwargs.is_empty() {
                        return Err(syntax(
                            "positional argument follows keyword argument",
                            line,
                            col,
                        ));
                    }
                    args.push(e);
                }
            }
            if !self.eat_op(",") {
                if !self.is_op(")") && self.starts_expression() {
                    return Err(self.forgot_comma(line, col));
                }
                break;
            }
        }
        self.expect_op(")")?;
        Ok((args, kwargs))
    }

    fn starts_expression(&self) -> bool {
        match self.peek() {
            Tok::Name(n) => {
                !is_keyword(n) || matches!(&**n, "None" | "True" | "False" | "not" | "lambda")
            }
            Tok::Int(_) | Tok::Float(_) | Tok::Str { .. } | Tok::Bytes(_) => true,
            Tok::Op(o) => matches!(*o, "(" | "[" | "{" | "-" | "+" | "~"),
            _ => false,
        }
    }

    fn forgot_comma(&self, line: u32, col: u32) -> PyError {
        syntax("invalid syntax. Perhaps you forgot a comma?", line, col)
    }

    fn subscript_list(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let first = self.subscript()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op("]") {
                break;
            }
            items.push(self.subscript()?);
        }
        self.mk(line, col, ExprKind::Tuple(items))
    }

    fn subscript(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let lower = if self.is_op(":") {
            None
        } else {
            let e = self.named_test()?;
            if !self.is_op(":") {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.expect_op(":")?;
        let upper = if self.is_op(":") || self.is_op("]") || self.is_op(",") {
            None
        } else {
            Some(Box::new(self.test()?))
        };
        let step = if self.eat_op(":") {
            if self.is_op("]") || self.is_op(",") {
                None
            } else {
                Some(Box::new(self.test()?))
            }
        } else {
            None
        };
        self.mk(line, col, ExprKind::Slice(lower, upper, step))
    }

    fn comprehension_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut gens = Vec::new();
        while self.is_kw("for") || self.is_kw("async") {
            if self.is_kw("async") {
                return Err(unsupported("async comprehensions", self.line()));
            }
            self.advance();
            let target = self.target_list()?;
            self.check_target(&target, "assign")?;
            if !self.eat_kw("in") {
                return Err(self.invalid());
            }
            let iter = self.or_test()?;
            let mut ifs = Vec::new();
            while self.is_kw("if") {
                self.advance();
                ifs.push(self.or_test()?);
            }
            gens.push(Comprehension { target, iter, ifs });
        }
        Ok(gens)
    }

    fn atom(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let tok = self.peek().clone();
        match tok {
            Tok::Int(n) => {
                self.advance();
                self.mk(line, col, ExprKind::Const(Constant::Int(n)))
            }
            Tok::Float(f) => {
                self.advance();
                self.mk(line, col, ExprKind::Const(Constant::Float(f)))
            }
            Tok::Str { .. } | Tok::Bytes(_) => self.strings(),
            Tok::Name(n) => {
                match &*n {
                    "None" => {
                        self.advance();
                        return self.mk(line, col, ExprKind::Const(Constant::None));
                    }
                    "True" | "False" => {
                        self.advance();
                        return self.mk(line, col, ExprKind::Const(Constant::Bool(&*n == "True")));
                    }
                    "yield" => return Err(self.invalid()),
                    "await" => return Err(unsupported("'await'", line)),
                    _ if is_keyword(&n) => return Err(self.invalid()),
                    _ => {}
                }
                self.advance();
                self.mk(line, col, ExprKind::Name(n))
            }
            Tok::Op("...") => {
                self.advance();
                self.mk(line, col, ExprKind::Const(Constant::Ellipsis))
            }
            Tok::Op("(") => self.atom_paren(line, col),
            Tok::Op("[") => self.atom_list(line, col),
            Tok::Op("{") => self.atom_brace(line, col),
            Tok::Indent => Err(self.invalid()),
            _ => Err(self.invalid()),
        }
    }

    fn genexp(
        &mut self,
        line: u32,
        col: u32,
        elt: Expr,
        gens: Vec<Comprehension>,
    ) -> PResult<Expr> {
        let (def, first) = super::scope::make_genexp(line, elt, gens);
        self.mk(line, col, ExprKind::GenExp(Rc::new(def), Box::new(first)))
    }

    #[inline(never)]
    fn atom_paren(&mut self, line: u32, col: u32) -> PResult<Expr> {
        self.advance();
        if self.eat_op(")") {
            return self.mk(line, col, ExprKind::Tuple(Vec::new()));
        }
        if self.is_kw("yield") {
            let e = self.yield_expr()?;
            self.expect_op(")")?;
            return Ok(e);
        }
        let first = self.star_or_test()?;
        if self.is_kw("for") {
            let gens = self.comprehension_clauses()?;
            self.expect_op(")")?;
            check_comprehension("generator expression", &[&first], &gens, true)?;
            return self.genexp(line, col, first, gens);
        }
        if self.eat_op(")") {
            // Parenthesized: keep the inner expression (a new depth level).
            return Ok(first);
        }
        let mut items = vec![first];
        loop {
            if !self.eat_op(",") {
                if self.starts_expression() {
                    let prev = items.last().map(|e| (e.line, e.col)).unwrap_or((line, col));
                    return Err(self.forgot_comma(prev.0, prev.1));
                }
                break;
            }
            if self.is_op(")") {
                break;
            }
            items.push(self.star_or_test()?);
        }
        self.expect_op(")")?;
        self.mk(line, col, ExprKind::Tuple(items))
    }

    #[inline(never)]
    fn atom_list(&mut self, line: u32, col: u32) -> PResult<Expr> {
        self.advance();
        if self.eat_op("]") {
            return self.mk(line, col, ExprKind::List(Vec::new()));
        }
        let first = self.star_or_test()?;
        if self.is_kw("for") {
            let gens = self.comprehension_clauses()?;
            self.expect_op("]")?;
            check_comprehension("list comprehension", &[&first], &gens, false)?;
            return self.mk(line, col, ExprKind::ListComp(Box::new(first), gens));
        }
        let items = self.rest_of_items(first, "]")?;
        self.mk(line, col, ExprKind::List(items))
    }

    #[inline(never)]
    fn atom_brace(&mut self, line: u32, col: u32) -> PResult<Expr> {
        self.advance();
        if self.eat_op("}") {
            return self.mk(line, col, ExprKind::Dict(Vec::new()));
        }
        if self.is_op("**") {
            let mut pairs = Vec::new();
            let (l, c) = (self.line(), self.col());
            self.advance();
            let m = self.binary(0)?;
            pairs.push(self.double_star_pair(l, c, m)?);
            return self.rest_of_dict(line, col, pairs);
        }
        let first = self.star_or_test()?;
        if self.eat_op(":") {
            let value = self.test()?;
            if self.is_kw("for") {
                let gens = self.comprehension_clauses()?;
                self.expect_op("}")?;
                check_comprehension("dict comprehension", &[&first, &value], &gens, false)?;
                return self.mk(
                    line,
                    col,
                    ExprKind::DictComp(Box::new(first), Box::new(value), gens),
                );
            }
            return self.rest_of_dict(line, col, vec![(first, value)]);
        }
        self.set_rest(line, col, first)
    }

    /// A `**mapping` entry of a dict display: a `Starred` key and an unused value.
    fn double_star_pair(&mut self, line: u32, col: u32, m: Expr) -> PResult<(Expr, Expr)> {
        let key = self.mk(line, col, ExprKind::Starred(Box::new(m)))?;
        let unused = self.mk(line, col, ExprKind::Const(Constant::None))?;
        Ok((key, unused))
    }

    fn rest_of_dict(&mut self, line: u32, col: u32, mut pairs: Vec<(Expr, Expr)>) -> PResult<Expr> {
        {
            loop {
                if !self.eat_op(",") {
                    if self.starts_expression() {
                        let (l, c) = (pairs[pairs.len() - 1].1.line, pairs[pairs.len() - 1].1.col);
                        return Err(self.forgot_comma(l, c));
                    }
                    break;
                }
                if self.is_op("}") {
                    break;
                }
                if self.is_op("**") {
                    let (l, c) = (self.line(), self.col());
                    self.advance();
                    let m = self.binary(0)?;
                    pairs.push(self.double_star_pair(l, c, m)?);
                    continue;
                }
                let k = self.test()?;
                if !self.eat_op(":") {
                    return Err(syntax("':' expected after dictionary key", k.line, k.col));
                }
                let v = self.test()?;
                pairs.push((k, v));
            }
            self.expect_op("}")?;
            self.mk(line, col, ExprKind::Dict(pairs))
        }
    }

    fn set_rest(&mut self, line: u32, col: u32, first: Expr) -> PResult<Expr> {
        if self.is_kw("for") {
            let gens = self.comprehension_clauses()?;
            self.expect_op("}")?;
            check_comprehension("set comprehension", &[&first], &gens, false)?;
            return self.mk(line, col, ExprKind::SetComp(Box::new(first), gens));
        }
        let items = self.rest_of_items(first, "}")?;
        self.mk(line, col, ExprKind::Set(items))
    }

    fn rest_of_items(&mut self, first: Expr, close: &str) -> PResult<Vec<Expr>> {
        let mut items = vec![first];
        loop {
            if !self.eat_op(",") {
                if self.starts_expression() {
                    let prev = &items[items.len() - 1];
                    return Err(self.forgot_comma(prev.line, prev.col));
                }
                break;
            }
            if self.is_op(close) {
                break;
            }
            items.push(self.star_or_test()?);
        }
        self.expect_op(close)?;
        Ok(items)
    }

    /// Adjacent string literals, concatenated; f-strings are split into parts.
    fn strings(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let mut parts: Vec<FPart> = Vec::new();
        // The literal text since the last field: joined here once, so many adjacent
        // literals cost their total length, not its square.
        let mut text = String::new();
        let mut bytes: Option<Vec<u8>> = None;
        let mut any_str = false;
        let mut any_f = false;
        loop {
            let t = self.tok().clone();
            match t.tok {
                Tok::Str {
                    value,
                    fstring,
                    raw,
                } => {
                    any_str = true;
                    self.advance();
                    if fstring {
                        any_f = true;
                        let inner = (t.inner.0 + self.line_offset, t.inner.1);
                        let mut own = Vec::new();
                        parse_fstring(
                            &value,
                            raw,
                            inner,
                            &mut own,
                            0,
                            (self.await_ctx, self.functions),
                        )?;
                        if own
                            .iter()
                            .any(|p| matches!(p, FPart::Field { expr, .. } if expr.yields))
                        {
                            self.saw_yield = true;
                        }
                        for part in own {
                            match part {
                                FPart::Lit(lit) => text.push_str(&lit),
                                field => {
                                    push_lit(&mut parts, &std::mem::take(&mut text));
                                    parts.push(field);
                                }
                            }
                        }
                    } else {
                        text.push_str(&value);
                    }
                }
                Tok::Bytes(b) => {
                    self.advance();
                    bytes.get_or_insert_with(Vec::new).extend_from_slice(&b);
                }
                _ => break,
            }
        }
        push_lit(&mut parts, &text);
        if any_str && bytes.is_some() {
            return Err(syntax("cannot mix bytes and nonbytes literals", line, col));
        }
        if let Some(b) = bytes {
            return self.mk(line, col, ExprKind::Const(Constant::Bytes(Rc::from(b))));
        }
        if !any_f {
            let s: String = parts
                .iter()
                .map(|p| match p {
                    FPart::Lit(s) => s.to_string(),
                    FPart::Field { .. } => String::new(),
                })
                .collect();
            return self.mk(
                line,
                col,
                ExprKind::Const(Constant::Str(Rc::from(s.as_str()))),
            );
        }
        self.mk(line, col, ExprKind::FString(parts))
    }
}

fn push_lit(parts: &mut Vec<FPart>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(FPart::Lit(prev)) = parts.last_mut() {
        let joined = format!("{prev}{s}");
        *prev = Rc::from(joined.as_str());
    } else {
        parts.push(FPart::Lit(Rc::from(s)));
    }
}

/// Splits f-string content into literal text and `{expr!c:spec}` fields.
fn parse_fstring(
    text: &str,
    raw: bool,
    at: (u32, u32),
    parts: &mut Vec<FPart>,
    nesting: u32,
    ctx: (AwaitCtx, usize),
) -> PResult<()> {
    let (line, col) = at;
    let err = |msg: &str| syntax(format!("f-string: {msg}"), line, col);
    let chars: Vec<char> = text.chars().collect();
    let mut lit = String::new();
    let flush = |lit: &mut String, parts: &mut Vec<FPart>| -> PResult<()> {
        if !lit.is_empty() {
            let decoded: String = if raw {
                lit.clone()
            } else {
                decode_escapes(lit, false)
                    .map_err(|m| syntax(m, line, col))?
                    .into_iter()
                    .collect()
            };
            push_lit(parts, &decoded);
            lit.clear();
        }
        Ok(())
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') && nesting == 0 {
            lit.push('{');
            i += 2;
            continue;
        }
        if c == '}' && chars.get(i + 1) == Some(&'}') && nesting == 0 {
            lit.push('}');
            i += 2;
            continue;
        }
        if c == '}' {
            return Err(err("single '}' is not allowed"));
        }
        if c != '{' {
            lit.push(c);
            i += 1;
            continue;
        }
        flush(&mut lit, parts)?;
        // Find the end of the expression: a top-level `!`, `:`, `=` or `}`.
        i += 1;
        let start = i;
        let mut depth = 0i32;
        let mut open_brackets: Vec<char> = Vec::new();
        let mut quote: Option<char> = None;
        let mut end = None;
        while i < chars.len() {
            let c = chars[i];
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                i += 1;
                continue;
            }
            match c {
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' => {
                    depth += 1;
                    open_brackets.push(c);
                }
                ')' | ']' => {
                    depth -= 1;
                    open_brackets.pop();
                }
                '}' if depth > 0 => {
                    depth -= 1;
                    open_brackets.pop();
                }
                '}' => {
                    end = Some(i);
                    break;
                }
                '!' if depth == 0 && chars.get(i + 1) != Some(&'=') => {
                    end = Some(i);
                    break;
                }
                ':' if depth == 0 => {
                    end = Some(i);
                    break;
                }
                '=' if depth == 0
                    && chars.get(i + 1) != Some(&'=')
                    && !matches!(chars.get(i.wrapping_sub(1)), Some('=' | '!' | '<' | '>')) =>
                {
                    end = Some(i);
                    break;
                }
                '\\' => return Err(err("expression part cannot include a backslash")),
                '#' => return Err(err("expression part cannot include '#'")),
                _ => {}
            }
            i += 1;
        }
        let Some(end) = end else {
            return Err(match open_brackets.last() {
                Some(b) => err(&format!("unmatched '{b}'")),
                None => err("expecting '}'"),
            });
        };
        let expr_text: String = chars[start..end].iter().collect();
        if expr_text.trim().is_empty() {
            return Err(err("empty expression not allowed"));
        }
        i = end;
        let mut debug_text = None;
        if chars[i] == '=' {
            // `{x = }`: the spaces after `=` are part of the text shown, as in CPython.
            i += 1;
            let after = i;
            while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                i += 1;
            }
            let spaces: String = chars[after..i].iter().collect();
            debug_text = Some(Rc::from(format!("{expr_text}={spaces}").as_str()));
        }
        let mut conversion = None;
        if chars.get(i) == Some(&'!') {
            match chars.get(i + 1) {
                Some(&c @ ('r' | 's' | 'a')) => conversion = Some(c),
                _ => {
                    return Err(err(
                        "invalid conversion character: expected 's', 'r', or 'a'",
                    ))
                }
            }
            i += 2;
        }
        let mut spec = Vec::new();
        if chars.get(i) == Some(&':') {
            i += 1;
            let spec_start = i;
            let mut depth = 0;
            while i < chars.len() {
                match chars[i] {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            let spec_text: String = chars[spec_start..i.min(chars.len())].iter().collect();
            if nesting >= 1 {
                return Err(err("expressions nested too deeply"));
            }
            parse_fstring(&spec_text, raw, at, &mut spec, nesting + 1, ctx)?;
            for part in &spec {
                if let FPart::Field { expr, .. } = part {
                    refuse_yield(expr, "an f-string's format spec")?;
                }
            }
        }
        if chars.get(i) != Some(&'}') {
            return Err(err("expecting '}'"));
        }
        i += 1;
        if debug_text.is_some() && conversion.is_none() && spec.is_empty() {
            conversion = Some('r');
        }
        let expr = parse_sub_expression(&expr_text, line, ctx)?;
        if let Some(d) = &debug_text {
            push_lit(parts, d);
        }
        parts.push(FPart::Field {
            expr: Box::new(expr),
            conversion,
            spec,
            debug_text,
        });
    }
    flush(&mut lit, parts)?;
    Ok(())
}

/// The first `yield` (or `yield from`) in an expression, in evaluation order.
fn first_yield(e: &Expr) -> Option<&Expr> {
    if !e.yields {
        return None;
    }
    if matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
        return Some(e);
    }
    e.kind.children().into_iter().find_map(first_yield)
}

/// Refuses a `yield` in a place where a generator cannot suspend in the simulator.
fn refuse_yield(e: &Expr, what: &str) -> PResult<()> {
    match first_yield(e) {
        Some(y) => Err(unsupported(format!("'yield' inside {what}"), y.line)),
        None => Ok(()),
    }
}

/// CPython's SyntaxError for a `yield` in a comprehension (anywhere but its first
/// iterable, which the enclosing function evaluates); in the first iterable of a list,
/// set or dict comprehension it is refused.
fn check_comprehension(
    what: &str,
    elts: &[&Expr],
    gens: &[Comprehension],
    first_ok: bool,
) -> PResult<()> {
    let mut inner: Vec<&Expr> = elts.to_vec();
    for (i, g) in gens.iter().enumerate() {
        inner.push(&g.target);
        if i > 0 {
            inner.push(&g.iter);
        }
        inner.extend(g.ifs.iter());
    }
    let found = inner
        .iter()
        .filter_map(|e| first_yield(e))
        .min_by_key(|y| (y.line, y.col));
    if let Some(y) = found {
        return Err(syntax(format!("'yield' inside {what}"), y.line, y.col));
    }
    if !first_ok {
        if let Some(g) = gens.first() {
            refuse_yield(&g.iter, "the first iterable of a comprehension")?;
        }
    }
    Ok(())
}

/// Refuses a `yield` in the parts of a generator's statements that it cannot suspend in:
/// decorators, class bases, `with` items, `for` targets, `except` clauses and unpacking
/// targets. Nested function bodies were checked when they were parsed.
fn check_yield_places(body: &[Stmt]) -> PResult<()> {
    fn unpacking(t: &Expr) -> PResult<()> {
        if matches!(
            t.kind,
            ExprKind::Tuple(_) | ExprKind::List(_) | ExprKind::Starred(_)
        ) {
            refuse_yield(t, "an unpacking target")?;
        }
        Ok(())
    }
    for s in body {
        match &s.kind {
            StmtKind::Assign { targets, .. } => targets.iter().try_for_each(unpacking)?,
            StmtKind::Del(targets) => targets.iter().try_for_each(unpacking)?,
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                check_yield_places(body)?;
                check_yield_places(orelse)?;
            }
            StmtKind::For {
                target,
                body,
                orelse,
                ..
            } => {
                refuse_yield(target, "a 'for' target")?;
                check_yield_places(body)?;
                check_yield_places(orelse)?;
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                check_yield_places(body)?;
                for h in handlers {
                    if let Some(t) = &h.types {
                        refuse_yield(t, "an 'except' clause")?;
                    }
                    check_yield_places(&h.body)?;
                }
                check_yield_places(orelse)?;
                check_yield_places(finalbody)?;
            }
            StmtKind::With { items, body } => {
                for (e, t) in items {
                    refuse_yield(e, "a 'with' item")?;
                    if let Some(t) = t {
                        refuse_yield(t, "a 'with' item")?;
                    }
                }
                check_yield_places(body)?;
            }
            StmtKind::Match { cases, .. } => {
                for c in cases {
                    check_yield_places(&c.body)?;
                }
            }
            StmtKind::FunctionDef(def) => {
                for d in &def.decorators {
                    refuse_yield(d, "a decorator")?;
                }
            }
            StmtKind::ClassDef(def) => {
                for d in def.decorators.iter().chain(def.bases.iter()) {
                    refuse_yield(d, "a class's decorators or bases")?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Parses the expression inside an f-string field.
fn parse_sub_expression(text: &str, line: u32, ctx: (AwaitCtx, usize)) -> PResult<Expr> {
    let (await_ctx, functions) = ctx;
    let wrapped = format!("({text})");
    let toks = tokenize(&wrapped).map_err(|e| {
        let mut e = lex_error(e);
        if let PyError::Syntax { line: l, .. } | PyError::Unsupported { line: l, .. } = &mut e {
            *l = line;
        }
        e
    })?;
    let mut p = Parser {
        toks,
        pos: 0,
        functions,
        loops: 0,
        line_offset: line.saturating_sub(1),
        await_ctx,
        saw_yield: false,
        stack_base: crate::python::eval::stack::position(),
        powers: 0,
        nodes: 0,
    };
    let e = p.test_list()?;
    while matches!(p.peek(), Tok::Newline) {
        p.advance();
    }
    if !matches!(p.peek(), Tok::Eof) {
        return Err(syntax("f-string: invalid syntax", line, 1));
    }
    Ok(e)
}

/// Parses a whole module.
pub fn parse(source: &str) -> Result<Module, PyError> {
    parse_tokens(tokenize(source).map_err(lex_error)?)
}

/// [`parse`] for code the simulator writes itself (the methods of a standard class): every
/// line is 0, so an error raised by that code itself is placed on the line of the user's
/// code that called it, as CPython places an error raised inside a module it wrote in C.
pub fn parse_generated(source: &str) -> Result<Module, PyError> {
    let mut toks = tokenize(source).map_err(lex_error)?;
    for t in &mut toks {
        t.line = 0;
        t.inner.0 = 0;
    }
    parse_tokens(toks)
}

fn parse_tokens(toks: Vec<crate::python::syntax::lexer::Token>) -> Result<Module, PyError> {
    let mut p = Parser {
        toks,
        pos: 0,
        functions: 0,
        loops: 0,
        line_offset: 0,
        await_ctx: AwaitCtx::Outside,
        saw_yield: false,
        stack_base: crate::python::eval::stack::position(),
        powers: 0,
        nodes: 0,
    };
    let mut body = p.module()?;
    super::consts::merge_module(&mut body);
    super::scope::resolve_module(&body)?;
    Ok(Module { body })
}

/// Whether `source` is complete enough to run at an interactive prompt: `false` while a
/// bracket, a triple-quoted string or a block is still open, as Python's `codeop` decides.
pub fn is_complete(source: &str) -> bool {
    let toks = match tokenize(source) {
        Ok(t) => t,
        Err(e) => return !e.incomplete,
    };
    // A compound statement is finished by an empty line.
    let opens_block = toks.iter().any(|t| t.tok == Tok::Indent)
        || toks
            .iter()
            .rev()
            .find(|t| !matches!(t.tok, Tok::Newline | Tok::Eof | Tok::Dedent))
            .is_some_and(|t| t.tok == Tok::Op(":"));
    if opens_block {
        let trimmed = source.trim_end_matches([' ', '\t']);
        return trimmed.ends_with("\n\n") || trimmed.ends_with("\r\n\r\n") || {
            // The last line is blank (only whitespace).
            let mut lines = source.split('\n').rev();
            let last = lines.next().unwrap_or("");
            let before = lines.next();
            last.trim().is_empty() && before.is_some_and(|l| l.trim().is_empty())
        };
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax_of(src: &str) -> (String, u32) {
        match parse(src) {
            Err(PyError::Syntax { message, line, .. }) => (message, line),
            Err(other) => panic!("expected a syntax error for {src:?}, got {other}"),
            Ok(_) => panic!("expected a syntax error for {src:?}"),
        }
    }

    fn unsupported_of(src: &str) -> (String, u32) {
        match parse(src) {
            Err(PyError::Unsupported { what, line }) => (what, line),
            Err(other) => panic!("expected unsupported for {src:?}, got {other}"),
            Ok(_) => panic!("expected unsupported for {src:?}"),
        }
    }

    #[test]
    fn parses_a_view() {
        let src = "from django.http import HttpResponse\n\ndef index(request):\n    \"\"\"Doc.\"\"\"\n    n = request.session.get('count', 0) + 1\n    request.session['count'] = n\n    return HttpResponse(f'You have visited this page {n} times.')\n";
        let m = parse(src).unwrap();
        assert_eq!(m.body.len(), 2);
        let StmtKind::FunctionDef(f) = &m.body[1].kind else {
            panic!()
        };
        assert_eq!(f.line, 3);
        assert_eq!(f.body[1].line, 5);
        let names: Vec<&str> = f.locals.iter().map(|n| &**n).collect();
        assert_eq!(names, ["request", "n"]);
    }

    #[test]
    fn syntax_errors_match_python() {
        assert_eq!(
            syntax_of("if x:\npass"),
            (
                "IndentationError: expected an indented block after 'if' statement on line 1"
                    .into(),
                2
            )
        );
        assert_eq!(
            syntax_of("  x = 1").0,
            "IndentationError: unexpected indent"
        );
        assert_eq!(syntax_of("x = 1 +").0, "SyntaxError: invalid syntax");
        assert_eq!(
            syntax_of("x = 5\nfoo() = 3"),
            (
                "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?".into(),
                2
            )
        );
        assert_eq!(
            syntax_of("return 5").0,
            "SyntaxError: 'return' outside function"
        );
        assert_eq!(syntax_of("break").0, "SyntaxError: 'break' outside loop");
        assert_eq!(syntax_of("if x\n  pass").0, "SyntaxError: expected ':'");
        assert_eq!(
            syntax_of("x = [1, 2 3]").0,
            "SyntaxError: invalid syntax. Perhaps you forgot a comma?"
        );
        assert_eq!(
            syntax_of("def f(a=1, b):\n pass").0,
            "SyntaxError: non-default argument follows default argument"
        );
        assert_eq!(
            syntax_of("f(a=1, 2)").0,
            "SyntaxError: positional argument follows keyword argument"
        );
        assert_eq!(
            syntax_of("f(a=1, a=2)").0,
            "SyntaxError: keyword argument repeated: a"
        );
        assert_eq!(
            syntax_of("x, y += 1").0,
            "SyntaxError: 'tuple' is an illegal expression for augmented assignment"
        );
        assert_eq!(
            syntax_of("del f()").0,
            "SyntaxError: cannot delete function call"
        );
        assert_eq!(
            syntax_of("x = {1: 2, 3}").0,
            "SyntaxError: ':' expected after dictionary key"
        );
        assert_eq!(syntax_of("f'{'").0, "SyntaxError: f-string: expecting '}'");
        assert_eq!(
            syntax_of("f'{}'").0,
            "SyntaxError: f-string: empty expression not allowed"
        );
        assert_eq!(
            syntax_of("f'}'").0,
            "SyntaxError: f-string: single '}' is not allowed"
        );
        assert_eq!(syntax_of("else:\n  pass").0, "SyntaxError: invalid syntax");
        assert_eq!(
            syntax_of("print 'x'").0,
            "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?"
        );
    }

    #[test]
    fn unsupported_constructs_are_named_with_their_line() {
        let cases = [
            (
                "def g():\n    with open((yield)) as f:\n        pass",
                "'yield' inside a 'with' item",
                2,
            ),
            (
                "async def f():\n    async with x:\n        pass",
                "'async with'",
                2,
            ),
            (
                "def f():\n    a, b[(yield 1)] = 1, 2",
                "'yield' inside an unpacking target",
                2,
            ),
            ("x = 1j", "complex numbers", 1),
        ];
        for (src, what, line) in cases {
            assert_eq!(unsupported_of(src), (what.to_string(), line), "{src}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_cleanly() {
        let src = format!("x = {}1{}", "(".repeat(12), ")".repeat(12));
        assert!(parse(&src).is_ok());
        let src = format!("x = {}1{}", "(".repeat(150), ")".repeat(150));
        assert!(parse(&src).is_err());
        let src = format!("x = {}", "-".repeat(5000));
        assert!(matches!(parse(&src), Err(PyError::Unsupported { .. })));
        let src = format!("x = 1{}", " + 1".repeat(5000));
        assert!(matches!(parse(&src), Err(PyError::Unsupported { .. })));
        let src = format!("x = {}1{}", "[".repeat(1000), "]".repeat(1000));
        assert!(matches!(parse(&src), Err(PyError::Syntax { .. })));
    }

    #[test]
    fn fstrings_split_into_parts() {
        let m = parse("x = f'a{b!r:>5}c{{d}}{e=}'").unwrap();
        let StmtKind::Assign { value, .. } = &m.body[0].kind else {
            panic!()
        };
        let ExprKind::FString(parts) = &value.kind else {
            panic!()
        };
        // "a", {b!r:>5}, "c{d}e=", {e!r}
        assert_eq!(parts.len(), 4);
    }

    #[test]
    fn completeness_for_the_prompt() {
        assert!(is_complete("x = 1"));
        assert!(!is_complete("x = (1,"));
        assert!(!is_complete("if x:"));
        assert!(!is_complete("if x:\n    y = 1"));
        assert!(is_complete("if x:\n    y = 1\n\n"));
        assert!(!is_complete("s = '''abc"));
        assert!(is_complete("x = )"));
        assert!(!is_complete("x = 1 + \\"));
    }
}

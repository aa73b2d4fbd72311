//! `match` statements: the subject, the `case` blocks and their patterns, with CPython
//! 3.11's SyntaxErrors for patterns the compiler rejects (unreachable cases, names bound
//! twice, alternatives binding different names, repeated starred names, keys and
//! attributes given twice).

use std::rc::Rc;

use super::{syntax, PResult, Parser};
use crate::python::syntax::ast::*;
use crate::python::syntax::lexer::Tok;

impl Parser {
    /// `match` at the start of a statement: a `match` statement when what follows parses as
    /// a subject followed by `:` and the end of the line; otherwise `None` (the parser is
    /// left where it was, and `match` is an ordinary name).
    pub(super) fn try_match_statement(&mut self, line: u32) -> PResult<Option<Stmt>> {
        let saved = (self.pos, self.nodes);
        self.advance();
        let subject = match self.match_subject() {
            Ok(s) if self.is_op(":") && matches!(self.peek_at(1), Tok::Newline) => s,
            _ => {
                (self.pos, self.nodes) = saved;
                return Ok(None);
            }
        };
        self.advance();
        self.advance();
        if !matches!(self.peek(), Tok::Indent) {
            return Err(crate::python::PyError::Syntax {
                message: format!(
                    "IndentationError: expected an indented block after 'match' statement on line {line}"
                ),
                line: self.line(),
                column: self.col(),
            });
        }
        self.advance();
        let mut cases = Vec::new();
        loop {
            match self.peek() {
                Tok::Dedent => {
                    self.advance();
                    break;
                }
                Tok::Eof if !cases.is_empty() => break,
                Tok::Newline => {
                    self.advance();
                }
                _ if self.is_kw("case") && !self.case_is_a_name() => {
                    cases.push(self.case_block()?);
                }
                _ => return Err(self.invalid()),
            }
        }
        check_cases(&cases)?;
        Ok(Some(Stmt {
            line,
            kind: StmtKind::Match { subject, cases },
        }))
    }

    /// Whether `case` here starts an expression statement (`case = 1`, `case.x`), which a
    /// match block cannot hold.
    fn case_is_a_name(&self) -> bool {
        matches!(self.peek_at(1), Tok::Op("=" | "." | ":") | Tok::Newline)
    }

    fn match_subject(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let first = if self.is_op("*") {
            self.star_or_test()?
        } else {
            self.named_test()?
        };
        if !self.is_op(",") {
            if matches!(first.kind, ExprKind::Starred(_)) {
                return Err(self.invalid());
            }
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op(":") {
                break;
            }
            items.push(if self.is_op("*") {
                self.star_or_test()?
            } else {
                self.named_test()?
            });
        }
        self.mk(line, col, ExprKind::Tuple(items))
    }

    fn case_block(&mut self) -> PResult<MatchCase> {
        let line = self.line();
        self.advance();
        let pattern = self.top_patterns()?;
        let guard = if self.eat_kw("if") {
            Some(self.named_test()?)
        } else {
            None
        };
        self.expect_colon()?;
        let body = self.block("'case' statement", line);
        Ok(MatchCase {
            line,
            pattern,
            guard,
            body: body?,
        })
    }

    /// `patterns`: a pattern, or an open sequence `a, *b`.
    fn top_patterns(&mut self) -> PResult<Pattern> {
        let line = self.line();
        let first = self.maybe_star_pattern()?;
        if !self.is_op(",") {
            if matches!(first.kind, PatternKind::Star(_)) {
                return Err(self.invalid());
            }
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op(":") || self.is_kw("if") {
                break;
            }
            items.push(self.maybe_star_pattern()?);
        }
        Ok(Pattern {
            line,
            kind: PatternKind::Sequence(items),
        })
    }

    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        let line = self.line();
        if self.eat_op("*") {
            let name = match self.peek().clone() {
                Tok::Name(n) if !super::is_keyword(&n) => {
                    self.advance();
                    n
                }
                _ => return Err(self.invalid()),
            };
            let name = if &*name == "_" { None } else { Some(name) };
            return Ok(Pattern {
                line,
                kind: PatternKind::Star(name),
            });
        }
        self.pattern()
    }

    /// `or_pattern ['as' NAME]`.
    fn pattern(&mut self) -> PResult<Pattern> {
        self.check_stack()?;
        let line = self.line();
        let p = self.or_pattern()?;
        if !self.eat_kw("as") {
            return Ok(p);
        }
        let (tl, tc) = (self.line(), self.col());
        match self.peek().clone() {
            Tok::Name(n) if !super::is_keyword(&n) => {
                if &*n == "_" {
                    return Err(syntax("cannot use '_' as a target", tl, tc));
                }
                self.advance();
                if self.is_op(".") || self.is_op("(") || self.is_op("[") {
                    return Err(self.invalid());
                }
                Ok(Pattern {
                    line,
                    kind: PatternKind::As(Box::new(p), n),
                })
            }
            Tok::Op(":" | ",") | Tok::Newline => Err(self.invalid()),
            _ => Err(syntax("invalid pattern target", tl, tc)),
        }
    }

    fn or_pattern(&mut self) -> PResult<Pattern> {
        let line = self.line();
        let first = self.closed_pattern()?;
        if !self.is_op("|") {
            return Ok(first);
        }
        let mut alts = vec![first];
        while self.eat_op("|") {
            alts.push(self.closed_pattern()?);
        }
        Ok(Pattern {
            line,
            kind: PatternKind::Or(alts),
        })
    }

    fn closed_pattern(&mut self) -> PResult<Pattern> {
        self.check_stack()?;
        let (line, col) = (self.line(), self.col());
        let pat = |kind| Ok(Pattern { line, kind });
        match self.peek().clone() {
            Tok::Int(_) | Tok::Float(_) | Tok::Op("-") | Tok::Str { .. } | Tok::Bytes(_) => {
                let e = self.literal_expr()?;
                pat(PatternKind::Value(e))
            }
            Tok::Name(n) => match &*n {
                "None" | "True" | "False" => {
                    self.advance();
                    pat(PatternKind::Singleton(match &*n {
                        "None" => Constant::None,
                        t => Constant::Bool(t == "True"),
                    }))
                }
                _ if super::is_keyword(&n) => Err(self.invalid()),
                _ => {
                    self.advance();
                    if !self.is_op(".") && !self.is_op("(") {
                        return pat(if &*n == "_" {
                            PatternKind::Wildcard
                        } else {
                            PatternKind::Capture(n)
                        });
                    }
                    let mut e = self.mk(line, col, ExprKind::Name(n))?;
                    while self.eat_op(".") {
                        let attr = self.name()?;
                        e = self.mk(line, col, ExprKind::Attribute(Box::new(e), attr))?;
                    }
                    if self.is_op("(") {
                        return self.class_pattern(line, e);
                    }
                    pat(PatternKind::Value(e))
                }
            },
            Tok::Op("(") => {
                self.advance();
                if self.eat_op(")") {
                    return pat(PatternKind::Sequence(Vec::new()));
                }
                let first = self.maybe_star_pattern()?;
                if self.eat_op(")") {
                    if matches!(first.kind, PatternKind::Star(_)) {
                        return pat(PatternKind::Sequence(vec![first]));
                    }
                    // A parenthesized pattern: the pattern itself.
                    return Ok(first);
                }
                if !self.is_op(",") {
                    return Err(self.invalid());
                }
                let items = self.pattern_items(first, ")")?;
                pat(PatternKind::Sequence(items))
            }
            Tok::Op("[") => {
                self.advance();
                if self.eat_op("]") {
                    return pat(PatternKind::Sequence(Vec::new()));
                }
                let first = self.maybe_star_pattern()?;
                let items = self.pattern_items(first, "]")?;
                pat(PatternKind::Sequence(items))
            }
            Tok::Op("{") => self.mapping_pattern(line),
            _ => Err(self.invalid()),
        }
    }

    /// The rest of `[p, q, …]` / `(p, q, …)` after its first item, through `close`.
    fn pattern_items(&mut self, first: Pattern, close: &str) -> PResult<Vec<Pattern>> {
        let mut items = vec![first];
        loop {
            if self.eat_op(close) {
                return Ok(items);
            }
            self.expect_op(",")?;
            if self.eat_op(close) {
                return Ok(items);
            }
            items.push(self.maybe_star_pattern()?);
        }
    }

    /// A literal in a pattern: a signed number, strings (not f-strings), bytes.
    fn literal_expr(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let negative = self.eat_op("-");
        let e = match self.peek().clone() {
            Tok::Int(n) if negative => {
                self.advance();
                self.mk(line, col, ExprKind::Const(Constant::Int(-n)))?
            }
            Tok::Float(f) if negative => {
                self.advance();
                self.mk(line, col, ExprKind::Const(Constant::Float(-f)))?
            }
            Tok::Int(_) | Tok::Float(_) => self.atom()?,
            Tok::Str { .. } | Tok::Bytes(_) if !negative => {
                let e = self.strings()?;
                if matches!(e.kind, ExprKind::FString(_)) {
                    return Err(syntax(
                        "patterns may only match literals and attribute lookups",
                        line,
                        col,
                    ));
                }
                e
            }
            _ => return Err(self.invalid()),
        };
        if matches!(
            e.kind,
            ExprKind::Const(Constant::Int(_) | Constant::Float(_))
        ) && (self.is_op("+") || self.is_op("-"))
        {
            // `1+2j`: a complex literal (this subset has no imaginary numbers).
            self.advance();
            let (l, c) = (self.line(), self.col());
            if matches!(self.peek(), Tok::Int(_) | Tok::Float(_)) {
                return Err(syntax("imaginary number required in complex literal", l, c));
            }
            return Err(self.invalid());
        }
        Ok(e)
    }

    fn class_pattern(&mut self, line: u32, cls: Expr) -> PResult<Pattern> {
        self.expect_op("(")?;
        let mut args = Vec::new();
        let mut kwargs: Vec<(Rc<str>, Pattern)> = Vec::new();
        loop {
            if self.eat_op(")") {
                break;
            }
            let (l, c) = (self.line(), self.col());
            let keyword = match (self.peek().clone(), self.peek_at(1)) {
                (Tok::Name(n), Tok::Op("=")) if !super::is_keyword(&n) => Some(n),
                _ => None,
            };
            if let Some(n) = keyword {
                self.advance();
                self.advance();
                let p = self.pattern()?;
                kwargs.push((n, p));
            } else {
                let p = self.pattern()?;
                if !kwargs.is_empty() {
                    return Err(syntax("positional patterns follow keyword patterns", l, c));
                }
                args.push(p);
            }
            if self.eat_op(")") {
                break;
            }
            self.expect_op(",")?;
        }
        Ok(Pattern {
            line,
            kind: PatternKind::Class { cls, args, kwargs },
        })
    }

    fn mapping_pattern(&mut self, line: u32) -> PResult<Pattern> {
        self.expect_op("{")?;
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        loop {
            if self.eat_op("}") {
                break;
            }
            if self.eat_op("**") {
                let n = self.name()?;
                if &*n == "_" {
                    return Err(self.invalid_at_previous());
                }
                rest = Some(n);
                self.eat_op(",");
                if !self.eat_op("}") {
                    return Err(self.invalid());
                }
                break;
            }
            let key = match self.peek().clone() {
                Tok::Name(n) if matches!(&*n, "None" | "True" | "False") => {
                    let (l, c) = (self.line(), self.col());
                    self.advance();
                    self.mk(
                        l,
                        c,
                        ExprKind::Const(match &*n {
                            "None" => Constant::None,
                            t => Constant::Bool(t == "True"),
                        }),
                    )?
                }
                Tok::Name(n)
                    if !super::is_keyword(&n) && matches!(self.peek_at(1), Tok::Op(".")) =>
                {
                    let (l, c) = (self.line(), self.col());
                    self.advance();
                    let mut e = self.mk(l, c, ExprKind::Name(n))?;
                    while self.eat_op(".") {
                        let attr = self.name()?;
                        e = self.mk(l, c, ExprKind::Attribute(Box::new(e), attr))?;
                    }
                    e
                }
                Tok::Int(_) | Tok::Float(_) | Tok::Op("-") | Tok::Str { .. } | Tok::Bytes(_) => {
                    self.literal_expr()?
                }
                _ => return Err(self.invalid()),
            };
            self.expect_op(":")?;
            let p = self.pattern()?;
            keys.push(key);
            patterns.push(p);
            if self.eat_op("}") {
                break;
            }
            self.expect_op(",")?;
        }
        Ok(Pattern {
            line,
            kind: PatternKind::Mapping {
                keys,
                patterns,
                rest,
            },
        })
    }

    fn invalid_at_previous(&self) -> crate::python::PyError {
        let prev = &self.toks[self.pos.saturating_sub(1)];
        syntax("invalid syntax", prev.line + self.line_offset, prev.col)
    }
}

/// CPython's compile-time checks of the cases, in the order its compiler meets them.
fn check_cases(cases: &[MatchCase]) -> PResult<()> {
    for (i, case) in cases.iter().enumerate() {
        let allow_irrefutable = case.guard.is_some() || i + 1 == cases.len();
        let mut names = Vec::new();
        check(&case.pattern, allow_irrefutable, &mut names)?;
    }
    Ok(())
}

fn store(p: &Pattern, name: &Rc<str>, names: &mut Vec<Rc<str>>) -> PResult<()> {
    if names.contains(name) {
        return Err(syntax(
            format!("multiple assignments to name '{name}' in pattern"),
            p.line,
            0,
        ));
    }
    names.push(name.clone());
    Ok(())
}

fn check(p: &Pattern, allow_irrefutable: bool, names: &mut Vec<Rc<str>>) -> PResult<()> {
    match &p.kind {
        PatternKind::Value(_) | PatternKind::Singleton(_) => Ok(()),
        PatternKind::Wildcard | PatternKind::Capture(_) => {
            if !allow_irrefutable {
                return Err(syntax(
                    match &p.kind {
                        PatternKind::Capture(n) => {
                            format!("name capture '{n}' makes remaining patterns unreachable")
                        }
                        _ => "wildcard makes remaining patterns unreachable".to_string(),
                    },
                    p.line,
                    0,
                ));
            }
            if let PatternKind::Capture(n) = &p.kind {
                store(p, n, names)?;
            }
            Ok(())
        }
        PatternKind::Star(n) => match n {
            Some(n) => store(p, n, names),
            None => Ok(()),
        },
        PatternKind::As(inner, n) => {
            check(inner, allow_irrefutable, names)?;
            store(p, n, names)
        }
        PatternKind::Sequence(items) => {
            let stars = items
                .iter()
                .filter(|i| matches!(i.kind, PatternKind::Star(_)))
                .count();
            if stars > 1 {
                return Err(syntax(
                    "multiple starred names in sequence pattern",
                    p.line,
                    0,
                ));
            }
            items.iter().try_for_each(|i| check(i, true, names))
        }
        PatternKind::Mapping {
            keys,
            patterns,
            rest,
        } => {
            let mut seen: Vec<&Constant> = Vec::new();
            for k in keys {
                if let ExprKind::Const(c) = &k.kind {
                    if seen.iter().any(|s| const_eq(s, c)) {
                        return Err(syntax(
                            format!("mapping pattern checks duplicate key ({})", const_repr(c)),
                            p.line,
                            0,
                        ));
                    }
                    seen.push(c);
                }
            }
            patterns.iter().try_for_each(|i| check(i, true, names))?;
            match rest {
                Some(r) => store(p, r, names),
                None => Ok(()),
            }
        }
        PatternKind::Class { args, kwargs, .. } => {
            for (i, (k, _)) in kwargs.iter().enumerate() {
                if kwargs[..i].iter().any(|(o, _)| o == k) {
                    return Err(syntax(
                        format!("attribute name repeated in class pattern: {k}"),
                        p.line,
                        0,
                    ));
                }
            }
            args.iter().try_for_each(|i| check(i, true, names))?;
            kwargs.iter().try_for_each(|(_, i)| check(i, true, names))
        }
        PatternKind::Or(alts) => {
            let mut first: Option<Vec<Rc<str>>> = None;
            for (i, alt) in alts.iter().enumerate() {
                let mut own = Vec::new();
                check(alt, allow_irrefutable && i + 1 == alts.len(), &mut own)?;
                match &first {
                    None => first = Some(own),
                    Some(f) => {
                        if f.len() != own.len() || own.iter().any(|n| !f.contains(n)) {
                            return Err(syntax(
                                "alternative patterns bind different names",
                                alt.line,
                                0,
                            ));
                        }
                    }
                }
            }
            for n in first.unwrap_or_default() {
                store(p, &n, names)?;
            }
            Ok(())
        }
    }
}

/// Whether two literal keys are equal as Python compares them (`1 == 1.0 == True`).
fn const_eq(a: &Constant, b: &Constant) -> bool {
    fn num(c: &Constant) -> Option<f64> {
        use num_traits::ToPrimitive;
        match c {
            Constant::Bool(b) => Some(*b as u8 as f64),
            Constant::Int(n) => n.to_f64(),
            Constant::Float(f) => Some(*f),
            _ => None,
        }
    }
    match (a, b) {
        (Constant::None, Constant::None) => true,
        (Constant::Str(x), Constant::Str(y)) => x == y,
        (Constant::Bytes(x), Constant::Bytes(y)) => x == y,
        (Constant::Int(x), Constant::Int(y)) => x == y,
        _ => match (num(a), num(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

fn const_repr(c: &Constant) -> String {
    use crate::python::types::Value;
    let v = match c {
        Constant::None | Constant::Ellipsis => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(n) => Value::Int(n.clone()),
        Constant::Float(f) => Value::Float(*f),
        Constant::Str(s) => Value::Str(s.clone()),
        Constant::Bytes(b) => Value::Bytes(b.clone()),
    };
    crate::python::text::repr::repr(&v)
}

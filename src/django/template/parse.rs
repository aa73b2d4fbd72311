//! Template source to nodes, splitting tokens the way Django's `Lexer` does (a tag never
//! spans lines) and parsing the tags of the subset.

use crate::python::Value;

/// Why a template cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum ParseError {
    /// Django raises `TemplateSyntaxError` with this message.
    Syntax(String),
    /// Outside the subset the simulator runs.
    Unsupported { what: String, line: usize },
}

/// One `|name:arg` of a filter expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    pub name: String,
    pub arg: Option<Operand>,
}

/// A variable (dotted lookups) or a literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// `request.session.cart`: the lookups in order.
    Var(Vec<String>),
    /// A number.
    Number(Value),
    /// A quoted string (safe, as Django marks literals).
    Str(String),
}

/// `value|filter:arg|…`.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterExpr {
    pub operand: Operand,
    pub filters: Vec<Filter>,
}

/// An `{% if %}` condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    Value(FilterExpr),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    /// `a OP b` for `==`, `!=`, `<`, `>`, `<=`, `>=`, `in`, `not in`, `is`, `is not`.
    Compare(String, Box<Cond>, Box<Cond>),
}

/// A node of the tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Text(String),
    Var(FilterExpr),
    If(Vec<(Option<Cond>, Vec<Node>)>),
    For {
        vars: Vec<String>,
        iterable: FilterExpr,
        reversed: bool,
        body: Vec<Node>,
        empty: Vec<Node>,
    },
    With(Vec<(String, FilterExpr)>, Vec<Node>),
    CsrfToken,
    /// `{% url name arg key=value as var %}`.
    Url {
        view: FilterExpr,
        args: Vec<FilterExpr>,
        kwargs: Vec<(String, FilterExpr)>,
        asvar: Option<String>,
    },
}

/// A parsed template.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub nodes: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Text(String),
    Var(String, usize),
    Block(String, usize),
}

fn lex(source: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut rest = source;
    let mut text = String::new();
    while !rest.is_empty() {
        let found = ["{%", "{{", "{#"]
            .iter()
            .filter_map(|open| {
                let close = match *open {
                    "{%" => "%}",
                    "{{" => "}}",
                    _ => "#}",
                };
                let mut from = 0;
                while let Some(j) = rest[from..].find(open) {
                    let i = from + j;
                    // The closing mark must be on the same line.
                    let after = &rest[i + 2..];
                    if let Some(end) = after.find(close) {
                        if !after[..end].contains('\n') {
                            return Some((i, *open, i + 2 + end + 2));
                        }
                    }
                    from = i + 1;
                }
                None
            })
            .min_by_key(|(i, _, _)| *i);
        let Some((start, open, end)) = found else {
            text.push_str(rest);
            break;
        };
        // A tag start that cannot close on its line is text; look further.
        text.push_str(&rest[..start]);
        if !text.is_empty() {
            line += text.matches('\n').count();
            tokens.push(Token::Text(std::mem::take(&mut text)));
        }
        let inner = rest[start + 2..end - 2].trim().to_string();
        match open {
            "{%" => tokens.push(Token::Block(inner, line)),
            "{{" => tokens.push(Token::Var(inner, line)),
            _ => {}
        }
        rest = &rest[end..];
    }
    if !text.is_empty() {
        tokens.push(Token::Text(text));
    }
    tokens
}

fn unsupported(what: impl Into<String>, line: usize) -> ParseError {
    ParseError::Unsupported {
        what: what.into(),
        line,
    }
}

fn syntax(message: impl Into<String>) -> ParseError {
    ParseError::Syntax(message.into())
}

/// `smart_split`: words split on spaces, quoted strings kept whole.
fn split_contents(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(q) => {
                cur.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => {
                cur.push(c);
                quote = Some(c);
            }
            None if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            None => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_var_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

fn parse_operand(text: &str, line: usize) -> Result<Operand, ParseError> {
    if text.len() >= 2
        && ((text.starts_with('"') && text.ends_with('"'))
            || (text.starts_with('\'') && text.ends_with('\'')))
    {
        let inner = &text[1..text.len() - 1];
        let q = text.chars().next().unwrap_or('"');
        let unescaped = inner
            .replace(&format!("\\{q}"), &q.to_string())
            .replace("\\\\", "\\");
        return Ok(Operand::Str(unescaped));
    }
    if text.starts_with("_(") {
        return Err(unsupported("translated strings _(\"…\")", line));
    }
    let first = text.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() || ((first == '-' || first == '+' || first == '.') && text.len() > 1)
    {
        if let Ok(n) = text.parse::<i64>() {
            if !text.contains('.') && !text.to_lowercase().contains('e') {
                return Ok(Operand::Number(Value::int(n)));
            }
        }
        if let Ok(f) = text.parse::<f64>() {
            if text.contains('.') || text.to_lowercase().contains('e') {
                return Ok(Operand::Number(Value::float(f)));
            }
        }
        if first.is_ascii_digit() && text.chars().all(|c| c.is_ascii_digit()) {
            return Err(unsupported("integers beyond 64 bits in a template", line));
        }
    }
    if text.is_empty() || !text.chars().all(is_var_char) {
        return Err(syntax(format!(
            "Could not parse the remainder: '{text}' from '{text}'"
        )));
    }
    let bits: Vec<String> = text.split('.').map(str::to_string).collect();
    if bits.iter().any(|b| b.starts_with('_')) {
        return Err(syntax(format!(
            "Variables and attributes may not begin with underscores: '{text}'"
        )));
    }
    if bits.iter().any(String::is_empty) {
        return Err(syntax(format!(
            "Could not parse the remainder: '{text}' from '{text}'"
        )));
    }
    Ok(Operand::Var(bits))
}

/// Takes a leading quoted string, number or variable from `text`.
fn take_operand(text: &str) -> (&str, &str) {
    let mut chars = text.char_indices();
    match chars.next() {
        Some((_, q @ ('"' | '\''))) => {
            let mut escaped = false;
            for (i, c) in chars {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    return text.split_at(i + 1);
                }
            }
            (text, "")
        }
        _ => {
            let end = text
                .char_indices()
                .find(|(i, c)| {
                    !(is_var_char(*c) || (*i == 0 && (*c == '-' || *c == '+')) || *c == 'e')
                })
                .map_or(text.len(), |(i, _)| i);
            text.split_at(end)
        }
    }
}

const FILTERS: &[&str] = &[
    "default",
    "length",
    "upper",
    "lower",
    "title",
    "join",
    "date",
    "yesno",
    "pluralize",
    "safe",
    "escape",
];

/// Filters that take an argument (`true`) or refuse one (`false`); `None` when optional.
fn filter_arg(name: &str) -> Option<bool> {
    match name {
        "default" | "join" => Some(true),
        "length" | "upper" | "lower" | "title" | "safe" | "escape" => Some(false),
        _ => None,
    }
}

pub(super) fn parse_filter_expr(text: &str, line: usize) -> Result<FilterExpr, ParseError> {
    let text = text.trim();
    let (head, mut rest) = take_operand(text);
    if head.is_empty() {
        return Err(syntax(format!(
            "Could not parse some characters: |{text}||"
        )));
    }
    let operand = parse_operand(head, line)?;
    let mut filters = Vec::new();
    loop {
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            break;
        }
        let Some(after_bar) = trimmed.strip_prefix('|') else {
            return Err(syntax(format!(
                "Could not parse the remainder: '{trimmed}' from '{text}'"
            )));
        };
        let after_bar = after_bar.trim_start();
        let name_end = after_bar
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
            .map_or(after_bar.len(), |(i, _)| i);
        let name = &after_bar[..name_end];
        if name.is_empty() {
            return Err(syntax(format!(
                "Could not parse the remainder: '{trimmed}' from '{text}'"
            )));
        }
        if !FILTERS.contains(&name) {
            return Err(unsupported(format!("the |{name} filter"), line));
        }
        rest = &after_bar[name_end..];
        let mut arg = None;
        if let Some(a) = rest.strip_prefix(':') {
            let (arg_text, after) = take_operand(a);
            arg = Some(parse_operand(arg_text, line)?);
            rest = after;
        }
        match (filter_arg(name), &arg) {
            (Some(true), None) => {
                return Err(syntax(format!("{name} requires 2 arguments, 1 provided")))
            }
            (Some(false), Some(_)) => {
                return Err(syntax(format!("{name} requires 1 arguments, 2 provided")))
            }
            _ => {}
        }
        filters.push(Filter {
            name: name.to_string(),
            arg,
        });
    }
    Ok(FilterExpr { operand, filters })
}

/// The tag that ended a block: its contents and line.
type EndTag = (String, usize);

const SUBSET_TAGS: &[&str] = &["if", "for", "with", "comment", "csrf_token", "url"];

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    /// Nodes up to one of `until` (returned with the tag's contents), or to the end.
    fn parse_until(&mut self, until: &[&str]) -> Result<(Vec<Node>, Option<EndTag>), ParseError> {
        let mut nodes = Vec::new();
        while self.pos < self.tokens.len() {
            let token = self.tokens[self.pos].clone();
            self.pos += 1;
            match token {
                Token::Text(t) => nodes.push(Node::Text(t)),
                Token::Var(v, line) => {
                    if v.is_empty() {
                        return Err(syntax(format!("Empty variable tag on line {line}")));
                    }
                    nodes.push(Node::Var(parse_filter_expr(&v, line)?));
                }
                Token::Block(b, line) => {
                    let command = b.split_whitespace().next().unwrap_or("").to_string();
                    if command.is_empty() {
                        return Err(syntax(format!("Empty block tag on line {line}")));
                    }
                    if until.contains(&command.as_str()) {
                        return Ok((nodes, Some((b, line))));
                    }
                    nodes.push(self.tag(&command, &b, line)?);
                }
            }
        }
        Ok((nodes, None))
    }

    fn expect_end(
        &mut self,
        command: &str,
        line: usize,
        until: &[&str],
    ) -> Result<(Vec<Node>, String), ParseError> {
        match self.parse_until(until)? {
            (nodes, Some((b, _))) => Ok((nodes, b)),
            (_, None) => Err(syntax(format!(
                "Unclosed tag on line {line}: '{command}'. Looking for one of: {}.",
                until.join(", ")
            ))),
        }
    }

    fn tag(&mut self, command: &str, contents: &str, line: usize) -> Result<Node, ParseError> {
        if !SUBSET_TAGS.contains(&command) {
            return Err(unsupported(format!("the {{% {command} %}} tag"), line));
        }
        let bits = split_contents(contents);
        match command {
            "comment" => {
                // Everything up to endcomment is skipped, tags included.
                while self.pos < self.tokens.len() {
                    let t = self.tokens[self.pos].clone();
                    self.pos += 1;
                    if let Token::Block(b, _) = t {
                        if b == "endcomment" {
                            return Ok(Node::Text(String::new()));
                        }
                    }
                }
                Err(syntax(format!(
                    "Unclosed tag on line {line}: 'comment'. Looking for one of: endcomment."
                )))
            }
            "csrf_token" => Ok(Node::CsrfToken),
            "url" => {
                if bits.len() < 2 {
                    return Err(syntax(
                        "'url' takes at least one argument, a URL pattern name.",
                    ));
                }
                let view = parse_filter_expr(&bits[1], line)?;
                let mut rest = &bits[2..];
                let mut asvar = None;
                if rest.len() >= 2 && rest[rest.len() - 2] == "as" {
                    asvar = Some(rest[rest.len() - 1].clone());
                    rest = &rest[..rest.len() - 2];
                }
                let mut args = Vec::new();
                let mut kwargs: Vec<(String, FilterExpr)> = Vec::new();
                for bit in rest {
                    // `(?:(\w+)=)?(.+)`: a leading word and `=` name a keyword argument.
                    let named = bit.split_once('=').filter(|(name, value)| {
                        !name.is_empty()
                            && !value.is_empty()
                            && name.chars().all(|c| c.is_alphanumeric() || c == '_')
                    });
                    match named {
                        Some((name, value)) => {
                            let expr = parse_filter_expr(value, line)?;
                            // A name given twice keeps its last value, as a dict does.
                            match kwargs.iter_mut().find(|(n, _)| n == name) {
                                Some(slot) => slot.1 = expr,
                                None => kwargs.push((name.to_string(), expr)),
                            }
                        }
                        None => args.push(parse_filter_expr(bit, line)?),
                    }
                }
                Ok(Node::Url {
                    view,
                    args,
                    kwargs,
                    asvar,
                })
            }
            "with" => {
                let mut assignments = Vec::new();
                if bits.len() == 4 && bits[2] == "as" {
                    assignments.push((bits[3].clone(), parse_filter_expr(&bits[1], line)?));
                } else {
                    for b in &bits[1..] {
                        let Some((name, expr)) = b.split_once('=') else {
                            return Err(syntax("'with' expected at least one variable assignment"));
                        };
                        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_')
                        {
                            return Err(syntax(format!("'with' received an invalid token: '{b}'")));
                        }
                        assignments.push((name.to_string(), parse_filter_expr(expr, line)?));
                    }
                }
                if assignments.is_empty() {
                    return Err(syntax("'with' expected at least one variable assignment"));
                }
                let (body, _) = self.expect_end("with", line, &["endwith"])?;
                Ok(Node::With(assignments, body))
            }
            "for" => {
                if bits.len() < 4 {
                    return Err(syntax(format!(
                        "'for' statements should have at least four words: {contents}"
                    )));
                }
                let reversed = bits.last().is_some_and(|b| b == "reversed");
                let in_index = if reversed {
                    bits.len() - 3
                } else {
                    bits.len() - 2
                };
                if bits[in_index] != "in" {
                    return Err(syntax(format!(
                        "'for' statements should use the format 'for x in y': {contents}"
                    )));
                }
                let joined = bits[1..in_index].join(" ");
                let vars: Vec<String> = joined.split(',').map(|v| v.trim().to_string()).collect();
                for v in &vars {
                    if v.is_empty() || v.contains(' ') {
                        return Err(syntax(format!(
                            "'for' tag received an invalid argument: {contents}"
                        )));
                    }
                }
                let iterable = parse_filter_expr(&bits[in_index + 1], line)?;
                let (body, end) = self.expect_end("for", line, &["empty", "endfor"])?;
                let empty = if end == "empty" {
                    self.expect_end("for", line, &["endfor"])?.0
                } else {
                    Vec::new()
                };
                Ok(Node::For {
                    vars,
                    iterable,
                    reversed,
                    body,
                    empty,
                })
            }
            "if" => {
                let mut branches = Vec::new();
                let mut cond = Some(parse_condition(&bits[1..], line)?);
                loop {
                    let (body, end) = self.expect_end("if", line, &["elif", "else", "endif"])?;
                    branches.push((cond.take(), body));
                    let end_bits = split_contents(&end);
                    match end_bits[0].as_str() {
                        "elif" => cond = Some(parse_condition(&end_bits[1..], line)?),
                        "else" => {
                            let (body, _) = self.expect_end("if", line, &["endif"])?;
                            branches.push((None, body));
                            break;
                        }
                        _ => break,
                    }
                }
                Ok(Node::If(branches))
            }
            _ => Err(unsupported(format!("the {{% {command} %}} tag"), line)),
        }
    }
}

/// Django's `smartif`: `or` < `and` < `not` < `in`, `not in`, `is`, `is not`, comparisons.
fn parse_condition(bits: &[String], line: usize) -> Result<Cond, ParseError> {
    if bits.is_empty() {
        return Err(syntax("Unexpected end of expression in if tag."));
    }
    // Merge "not in" and "is not".
    let mut tokens: Vec<String> = Vec::new();
    let mut i = 0;
    while i < bits.len() {
        if bits[i] == "not" && bits.get(i + 1).is_some_and(|b| b == "in") {
            tokens.push("not in".into());
            i += 2;
        } else if bits[i] == "is" && bits.get(i + 1).is_some_and(|b| b == "not") {
            tokens.push("is not".into());
            i += 2;
        } else {
            tokens.push(bits[i].clone());
            i += 1;
        }
    }
    let mut p = CondParser {
        tokens,
        pos: 0,
        line,
    };
    let cond = p.expression(0)?;
    if p.pos < p.tokens.len() {
        return Err(syntax(format!(
            "Unused '{}' at end of if expression.",
            p.tokens[p.pos]
        )));
    }
    Ok(cond)
}

struct CondParser {
    tokens: Vec<String>,
    pos: usize,
    line: usize,
}

fn binding_power(op: &str) -> Option<u8> {
    match op {
        "or" => Some(6),
        "and" => Some(7),
        "in" | "not in" => Some(9),
        "is" | "is not" | "==" | "!=" | ">" | ">=" | "<" | "<=" => Some(10),
        _ => None,
    }
}

impl CondParser {
    fn expression(&mut self, rbp: u8) -> Result<Cond, ParseError> {
        let Some(tok) = self.tokens.get(self.pos).cloned() else {
            return Err(syntax("Unexpected end of expression in if tag."));
        };
        self.pos += 1;
        let mut left = if tok == "not" {
            Cond::Not(Box::new(self.expression(8)?))
        } else if binding_power(&tok).is_some() {
            return Err(syntax(format!(
                "Not expecting '{tok}' in this position in if tag."
            )));
        } else {
            Cond::Value(parse_filter_expr(&tok, self.line)?)
        };
        while let Some(op) = self.tokens.get(self.pos).cloned() {
            let Some(lbp) = binding_power(&op) else {
                if op == "not" {
                    return Err(syntax("Not expecting 'not' as infix operator in if tag."));
                }
                return Err(syntax(format!("Unused '{op}' at end of if expression.")));
            };
            if lbp <= rbp {
                break;
            }
            self.pos += 1;
            let right = self.expression(lbp)?;
            left = match op.as_str() {
                "or" => Cond::Or(Box::new(left), Box::new(right)),
                "and" => Cond::And(Box::new(left), Box::new(right)),
                _ => Cond::Compare(op, Box::new(left), Box::new(right)),
            };
        }
        Ok(left)
    }
}

/// Parses a template's source.
pub fn parse(source: &str) -> Result<Template, ParseError> {
    let tokens = lex(source);
    // Unsupported tags are found anywhere (even after a syntax error), so a scenario is
    // refused before it runs.
    for t in &tokens {
        if let Token::Block(b, line) = t {
            let command = b.split_whitespace().next().unwrap_or("");
            let known = SUBSET_TAGS.contains(&command)
                || matches!(
                    command,
                    "" | "elif" | "else" | "endif" | "empty" | "endfor" | "endwith" | "endcomment"
                );
            if !known {
                return Err(unsupported(format!("the {{% {command} %}} tag"), *line));
            }
        }
    }
    let mut parser = Parser { tokens, pos: 0 };
    let (nodes, end) = parser.parse_until(&[])?;
    if let Some((b, line)) = end {
        return Err(syntax(format!("Invalid block tag on line {line}: '{b}'.")));
    }
    Ok(Template { nodes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_like_djangos_lexer() {
        let t = lex("a {{ x }} b\n{% if y %}{# c #}{% endif %}");
        assert_eq!(
            t,
            vec![
                Token::Text("a ".into()),
                Token::Var("x".into(), 1),
                Token::Text(" b\n".into()),
                Token::Block("if y".into(), 2),
                Token::Block("endif".into(), 2),
            ]
        );
    }

    #[test]
    fn outside_the_subset_is_refused_with_its_line() {
        assert_eq!(
            parse("a\n{% cycle 'a' 'b' %}").unwrap_err(),
            ParseError::Unsupported {
                what: "the {% cycle %} tag".into(),
                line: 2
            }
        );
        assert!(matches!(
            parse("{{ x|floatformat }}"),
            Err(ParseError::Unsupported { .. })
        ));
        assert!(matches!(parse("{% if x %}"), Err(ParseError::Syntax(_))));
    }

    #[test]
    fn url_tags_split_arguments_keywords_and_as() {
        let t = parse("{% url 'item' n key=v|upper as link %}").unwrap();
        let Node::Url {
            view,
            args,
            kwargs,
            asvar,
        } = &t.nodes[0]
        else {
            panic!("not a url node: {:?}", t.nodes);
        };
        assert_eq!(view.operand, Operand::Str("item".into()));
        assert_eq!(args.len(), 1);
        assert_eq!(kwargs[0].0, "key");
        assert_eq!(kwargs[0].1.filters[0].name, "upper");
        assert_eq!(asvar.as_deref(), Some("link"));
        assert_eq!(
            parse("{% url %}").unwrap_err(),
            ParseError::Syntax("'url' takes at least one argument, a URL pattern name.".into())
        );
    }
}

//! `django.urls` for the routes a scenario declares: `path()` patterns with the `str`, `int`,
//! `slug` and `path` converters, resolving a request's path to a view and its keyword
//! arguments, and `reverse()` with Django's `NoReverseMatch` messages.

use crate::python::{repr, to_str, PyException, Value};

/// A converter of `<conv:name>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Converter {
    Str,
    Int,
    Slug,
    Path,
}

impl Converter {
    fn parse(name: &str) -> Option<Converter> {
        match name {
            "str" => Some(Converter::Str),
            "int" => Some(Converter::Int),
            "slug" => Some(Converter::Slug),
            "path" => Some(Converter::Path),
            _ => None,
        }
    }

    fn regex(self) -> &'static str {
        match self {
            Converter::Str => "[^/]+",
            Converter::Int => "[0-9]+",
            Converter::Slug => "[-a-zA-Z0-9_]+",
            Converter::Path => ".+",
        }
    }

    fn accepts(self, c: char) -> bool {
        match self {
            Converter::Str => c != '/',
            Converter::Int => c.is_ascii_digit(),
            Converter::Slug => c.is_ascii_alphanumeric() || c == '-' || c == '_',
            Converter::Path => c != '\n',
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Part {
    Literal(String),
    Param(Converter, String),
}

fn parse_pattern(route: &str) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut rest = route;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        if inner.is_empty() {
            break;
        }
        if inner.chars().any(char::is_whitespace) {
            return Err(format!(
                "URL route {route:?} cannot contain whitespace in angle brackets <…>."
            ));
        }
        let (conv, name) = match inner.split_once(':') {
            Some((c, n)) if !c.is_empty() => (c, n),
            _ => ("str", inner),
        };
        if name.is_empty()
            || !name
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
            || !name.chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            return Err(format!(
                "URL route {route:?} uses parameter name {name:?} which isn't a valid Python identifier."
            ));
        }
        let Some(converter) = Converter::parse(conv) else {
            return Err(format!(
                "URL route {route:?} uses invalid converter {conv:?} (the simulator knows str, int, slug and path)."
            ));
        };
        if open > 0 {
            parts.push(Part::Literal(rest[..open].to_string()));
        }
        parts.push(Part::Param(converter, name.to_string()));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Literal(rest.to_string()));
    }
    Ok(parts)
}

/// Whether `route` is a pattern the simulator reads (the message says why not).
pub fn check_pattern(route: &str) -> Result<(), String> {
    parse_pattern(route).map(|_| ())
}

fn match_parts(parts: &[Part], text: &[char], out: &mut Vec<(String, String)>) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return text.is_empty();
    };
    match first {
        Part::Literal(lit) => {
            let lit: Vec<char> = lit.chars().collect();
            text.starts_with(&lit) && match_parts(rest, &text[lit.len()..], out)
        }
        Part::Param(conv, name) => {
            let max = text.iter().take_while(|c| conv.accepts(**c)).count();
            // Greedy, like the regular expression: the longest run first.
            for len in (1..=max).rev() {
                out.push((name.clone(), text[..len].iter().collect()));
                if match_parts(rest, &text[len..], out) {
                    return true;
                }
                out.pop();
            }
            false
        }
    }
}

/// The keyword arguments `route` captures from `path` (a request path without its leading
/// `/`), or `None` when it does not match. `int` values are ints.
pub fn resolve(route: &str, path: &str) -> Option<Vec<(String, Value)>> {
    let parts = parse_pattern(route).ok()?;
    let chars: Vec<char> = path.chars().collect();
    let mut captured = Vec::new();
    if !match_parts(&parts, &chars, &mut captured) {
        return None;
    }
    let mut out: Vec<(String, Value)> = Vec::new();
    for (name, text) in captured {
        let conv = parts.iter().find_map(|p| match p {
            Part::Param(c, n) if *n == name => Some(*c),
            _ => None,
        });
        let value = match conv {
            Some(Converter::Int) => Value::from_bigint(text.parse::<num_bigint::BigInt>().ok()?),
            _ => Value::str(&text),
        };
        // A name used twice keeps its last value, as a regex group dict does.
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => out.push((name, value)),
        }
    }
    Some(out)
}

/// `re.escape` of a literal part.
fn re_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The regular expression Django builds for `path(route, …)`, without its leading `^`, as
/// `NoReverseMatch` lists it.
pub fn regex_of(route: &str) -> String {
    let mut out = String::new();
    for part in parse_pattern(route).unwrap_or_default() {
        match part {
            Part::Literal(l) => out.push_str(&re_escape(&l)),
            Part::Param(c, n) => out.push_str(&format!("(?P<{n}>{})", c.regex())),
        }
    }
    out.push_str("\\Z");
    out
}

/// A route as `reverse()` sees it.
pub struct NamedRoute<'a> {
    pub pattern: &'a str,
    pub name: Option<&'a str>,
    pub view: &'a str,
}

fn quote_url(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"_.-~!$&'()*+,;=/:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if let Some(rest) = out.strip_prefix("//") {
        out = format!("/%2F{rest}");
    }
    out
}

/// `str()` of a reverse argument the way a converter's `to_url` gives it.
fn to_url(value: &Value) -> String {
    to_str(value)
}

fn try_reverse(pattern: &str, subs: &[(String, String)]) -> Option<String> {
    let parts = parse_pattern(pattern).ok()?;
    let mut url = String::new();
    for part in &parts {
        match part {
            Part::Literal(l) => url.push_str(l),
            Part::Param(_, n) => url.push_str(&subs.iter().find(|(k, _)| k == n)?.1),
        }
    }
    // The candidate must match the pattern again (an `int` argument must be digits).
    resolve(pattern, &url)?;
    Some(quote_url(&format!("/{url}")))
}

fn params_of(pattern: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for part in parse_pattern(pattern).unwrap_or_default() {
        if let Part::Param(_, n) = part {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

/// `reverse(viewname, args=…, kwargs=…)`: `lookup` is a URL name, or `views.<name>` for a
/// view function (then `view` is its name).
pub fn reverse(
    routes: &[NamedRoute],
    lookup: &Value,
    args: &[Value],
    kwargs: &[(String, Value)],
) -> Result<String, PyException> {
    if !args.is_empty() && !kwargs.is_empty() {
        return Err(PyException::new(
            "ValueError",
            "Don't mix *args and **kwargs in call to reverse()!",
        ));
    }
    let (label, candidates): (String, Vec<&NamedRoute>) = match lookup {
        Value::Function(f) => (
            format!("views.{}", f.name),
            routes.iter().filter(|r| r.view == &*f.name).collect(),
        ),
        other => {
            let name = to_str(other);
            let found = routes
                .iter()
                .filter(|r| r.name == Some(name.as_str()))
                .collect();
            (name, found)
        }
    };
    // Django tries the last-declared pattern of a name first.
    for route in candidates.iter().rev() {
        let params = params_of(route.pattern);
        let subs: Vec<(String, String)> = if !args.is_empty() {
            if args.len() != params.len() {
                continue;
            }
            params
                .iter()
                .cloned()
                .zip(args.iter().map(to_url))
                .collect()
        } else {
            let mut given: Vec<&String> = kwargs.iter().map(|(k, _)| k).collect();
            given.sort();
            let mut wanted: Vec<&String> = params.iter().collect();
            wanted.sort();
            if given != wanted {
                continue;
            }
            kwargs.iter().map(|(k, v)| (k.clone(), to_url(v))).collect()
        };
        if let Some(url) = try_reverse(route.pattern, &subs) {
            return Ok(url);
        }
    }
    if candidates.is_empty() {
        return Err(PyException::new(
            "NoReverseMatch",
            format!("Reverse for '{label}' not found. '{label}' is not a valid view function or pattern name."),
        ));
    }
    let arg_msg = if !args.is_empty() {
        let items: Vec<String> = args.iter().map(repr).collect();
        if items.len() == 1 {
            format!("arguments '({},)'", items[0])
        } else {
            format!("arguments '({})'", items.join(", "))
        }
    } else if !kwargs.is_empty() {
        let items: Vec<String> = kwargs
            .iter()
            .map(|(k, v)| format!("{}: {}", repr(&Value::str(k)), repr(v)))
            .collect();
        format!("keyword arguments '{{{}}}'", items.join(", "))
    } else {
        "no arguments".to_string()
    };
    let tried: Vec<String> = candidates
        .iter()
        .rev()
        .map(|r| repr(&Value::str(&regex_of(r.pattern))))
        .collect();
    Err(PyException::new(
        "NoReverseMatch",
        format!(
            "Reverse for '{label}' with {arg_msg} not found. {} pattern(s) tried: [{}]",
            tried.len(),
            tried.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_resolve_like_djangos_regexes() {
        assert_eq!(resolve("cart/", "cart/"), Some(vec![]));
        assert_eq!(resolve("cart/", "cart"), None);
        assert_eq!(
            resolve("item/<int:n>/", "item/42/"),
            Some(vec![("n".to_string(), Value::int(42))])
        );
        assert_eq!(resolve("item/<int:n>/", "item/x/"), None);
        assert_eq!(
            resolve("files/<path:p>", "files/a/b.txt"),
            Some(vec![("p".to_string(), Value::str("a/b.txt"))])
        );
        assert_eq!(regex_of("my-cart/<int:n>/"), "my\\-cart/(?P<n>[0-9]+)/\\Z");
        assert!(check_pattern("x/<foo:n>/").is_err());
        assert!(check_pattern("x/<1n>/").is_err());
    }

    #[test]
    fn reverse_fills_in_arguments() {
        let routes = [
            NamedRoute {
                pattern: "",
                name: Some("home"),
                view: "home",
            },
            NamedRoute {
                pattern: "item/<int:n>/",
                name: Some("item"),
                view: "item",
            },
        ];
        assert_eq!(
            reverse(&routes, &Value::str("home"), &[], &[]).unwrap(),
            "/"
        );
        assert_eq!(
            reverse(&routes, &Value::str("item"), &[Value::int(3)], &[]).unwrap(),
            "/item/3/"
        );
        assert_eq!(
            reverse(&routes, &Value::str("item"), &[Value::str("x")], &[]).unwrap_err().message(),
            "Reverse for 'item' with arguments '('x',)' not found. 1 pattern(s) tried: ['item/(?P<n>[0-9]+)/\\\\Z']"
        );
        assert_eq!(
            reverse(&routes, &Value::str("nope"), &[], &[])
                .unwrap_err()
                .message(),
            "Reverse for 'nope' not found. 'nope' is not a valid view function or pattern name."
        );
    }
}

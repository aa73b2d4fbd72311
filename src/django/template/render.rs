//! Rendering: the context stack, Django's variable lookup (dict key, then attribute or
//! method, then index; callables are called), the tags and autoescaping.

use std::cmp::Ordering;

use crate::python::{to_str, Dict, PyException, Value};

use super::super::pyargs::{as_f64, iterate};
use super::filters;
use super::parse::{Cond, FilterExpr, Node, Operand, Template};

/// A value on its way through filters: whether it is marked safe.
#[derive(Clone, Debug)]
pub struct TValue {
    pub value: Value,
    pub safe: bool,
}

impl TValue {
    pub fn plain(value: Value) -> Self {
        TValue { value, safe: false }
    }
}

/// `reverse(viewname, args, kwargs)` for the project's routes, as `{% url %}` calls it.
pub type Reverse<'a> =
    &'a dyn Fn(&Value, &[Value], &[(String, Value)]) -> Result<String, PyException>;

/// The context: scopes from the bottom (builtins, processors, the view's context) up.
pub struct Context<'a> {
    scopes: Vec<Vec<(String, Value)>>,
    reverse: Reverse<'a>,
}

impl Context<'_> {
    fn get(&self, name: &str) -> Option<Value> {
        self.scopes.iter().rev().find_map(|s| {
            s.iter()
                .rev()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        })
    }

    fn push(&mut self, scope: Vec<(String, Value)>) {
        self.scopes.push(scope);
    }

    fn pop(&mut self) {
        self.scopes.pop();
    }

    fn set(&mut self, name: &str, value: Value) {
        if let Some(top) = self.scopes.last_mut() {
            match top.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = value,
                None => top.push((name.to_string(), value)),
            }
        }
    }
}

/// `django.utils.html.escape`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

fn is_lookup_error(e: &PyException) -> bool {
    matches!(
        &*e.kind,
        "KeyError"
            | "MultiValueDictKeyError"
            | "TypeError"
            | "AttributeError"
            | "ValueError"
            | "IndexError"
    )
}

fn not_supported(what: String) -> PyException {
    super::super::unsupported(what)
}

/// `str` methods a template may call (they take no arguments).
fn str_method(s: &str, name: &str) -> Option<Value> {
    let v = match name {
        "upper" => s.to_uppercase(),
        "lower" => s.to_lowercase(),
        "strip" => s.trim().to_string(),
        "capitalize" => {
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            }
        }
        "title" => filters::py_title(s),
        _ => return None,
    };
    Some(Value::str(&v))
}

/// One lookup step: `current.bit`. `Ok(None)` is Django's "does not exist".
fn lookup(current: &Value, bit: &str) -> Result<Option<Value>, PyException> {
    let index = bit.parse::<i64>().ok();
    match current {
        Value::Dict(d) => {
            if let Some(v) = d.borrow().get_str(bit) {
                return Ok(Some(v));
            }
            let d = d.borrow();
            match bit {
                "items" => {
                    return Ok(Some(Value::list(
                        d.items()
                            .into_iter()
                            .map(|(k, v)| Value::tuple(vec![k, v]))
                            .collect(),
                    )))
                }
                "keys" => return Ok(Some(Value::list(d.keys()))),
                "values" => return Ok(Some(Value::list(d.values()))),
                // Methods that need arguments: calling them fails, so the lookup does.
                "get" | "pop" | "setdefault" | "update" | "fromkeys" => return Ok(None),
                "copy" | "clear" | "popitem" => {
                    return Err(not_supported(format!("calling dict.{bit} from a template")))
                }
                _ => {}
            }
            match index {
                Some(i) => Ok(d.get(&Value::int(i))?),
                None => Ok(None),
            }
        }
        Value::List(_) | Value::Tuple(_) => {
            let items = iterate(current)?;
            match index {
                Some(i) if i >= 0 => Ok(items.get(i as usize).cloned()),
                Some(_) => Ok(None),
                None if matches!(
                    bit,
                    "count" | "index" | "append" | "insert" | "remove" | "extend"
                ) =>
                {
                    Ok(None)
                }
                None if matches!(bit, "pop" | "copy" | "clear" | "sort" | "reverse") => {
                    Err(not_supported(format!("calling list.{bit} from a template")))
                }
                None => Ok(None),
            }
        }
        Value::Str(s) => {
            if let Some(v) = str_method(s, bit) {
                return Ok(Some(v));
            }
            match index {
                Some(i) if i >= 0 => Ok(s
                    .chars()
                    .nth(i as usize)
                    .map(|c| Value::str(&c.to_string()))),
                _ => Err(not_supported(format!(
                    "looking up .{bit} on a str in a template"
                ))),
            }
        }
        Value::None => Ok(None),
        Value::Native(obj) => {
            match obj.get_item(&Value::str(bit)) {
                Ok(v) => return Ok(Some(v)),
                Err(e) if is_lookup_error(&e) => {}
                Err(e) => return Err(e),
            }
            if obj.has_method(bit) {
                return match obj.call_method(bit, Vec::new(), Vec::new()) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if &*e.kind == "TypeError" => Ok(None),
                    Err(e) => Err(e),
                };
            }
            match obj.get_attr(bit) {
                Ok(v) => return Ok(Some(v)),
                Err(e) if &*e.kind == "AttributeError" => {}
                Err(e) => return Err(e),
            }
            if let Some(i) = index {
                match obj.get_item(&Value::int(i)) {
                    Ok(v) => return Ok(Some(v)),
                    Err(e) if is_lookup_error(&e) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(None)
        }
        Value::DateTime(d) => Ok(Some(Value::int(match bit {
            "year" => i64::from(d.year),
            "month" => i64::from(d.month),
            "day" => i64::from(d.day),
            "hour" => i64::from(d.hour),
            "minute" => i64::from(d.minute),
            "second" => i64::from(d.second),
            _ => {
                return Err(not_supported(format!(
                    "looking up .{bit} on a datetime in a template"
                )))
            }
        }))),
        Value::Date(d) => Ok(Some(Value::int(match bit {
            "year" => i64::from(d.year),
            "month" => i64::from(d.month),
            "day" => i64::from(d.day),
            _ => {
                return Err(not_supported(format!(
                    "looking up .{bit} on a date in a template"
                )))
            }
        }))),
        other => Err(not_supported(format!(
            "looking up .{bit} on {} in a template",
            other.type_name()
        ))),
    }
}

/// What Django's variable resolution does with a callable it meets: it calls it with no
/// arguments. A view function (or a decorated one) needs `request`, so the call fails to
/// bind and the value becomes `string_if_invalid` (`""`); a function marked
/// `do_not_call_in_templates` stays as it is, one marked `alters_data` becomes `""`. A
/// callable that could be called is refused (the template engine does not run Python).
fn check_callable(value: Value) -> Result<Value, PyException> {
    use crate::python::ast::ParamKind;
    let flag = |f: &crate::python::value::function::Function, name: &str| {
        f.attrs
            .borrow()
            .iter()
            .any(|(n, v)| &**n == name && v.is_truthy())
    };
    let refuse = |value: &Value| {
        Err(not_supported(format!(
            "calling {} from a template",
            crate::python::repr(value)
        )))
    };
    match &value {
        Value::Function(f) => {
            if flag(f, "do_not_call_in_templates") {
                return Ok(value);
            }
            if flag(f, "alters_data") {
                return Ok(Value::str(""));
            }
            let needs_arguments = f.def.params.iter().enumerate().any(|(i, p)| {
                matches!(
                    p.kind,
                    ParamKind::PositionalOnly | ParamKind::Normal | ParamKind::KeywordOnly
                ) && f.defaults.get(i).is_none_or(Option::is_none)
            });
            if needs_arguments {
                Ok(Value::str(""))
            } else {
                refuse(&value)
            }
        }
        // A decorated view: functools.wraps' wrapper takes (request, *args, **kwargs).
        Value::Native(_) if super::super::decorators::DecoratedView::is_view(&value) => {
            Ok(Value::str(""))
        }
        Value::NativeFunction(_) | Value::NativeMethod(..) | Value::Method(_) => refuse(&value),
        _ => Ok(value),
    }
}

/// A variable's value, or `None` when it does not exist.
fn resolve_var(bits: &[String], ctx: &Context) -> Result<Option<Value>, PyException> {
    let Some(current) = ctx.get(&bits[0]) else {
        return Ok(None);
    };
    let mut current = check_callable(current)?;
    for bit in &bits[1..] {
        match lookup(&current, bit)? {
            Some(v) => current = check_callable(v)?,
            None => return Ok(None),
        }
    }
    Ok(Some(current))
}

fn resolve_operand(op: &Operand, ctx: &Context) -> Result<Option<TValue>, PyException> {
    Ok(match op {
        Operand::Number(n) => Some(TValue::plain(n.clone())),
        Operand::Str(s) => Some(TValue {
            value: Value::str(s),
            safe: true,
        }),
        Operand::Var(bits) => resolve_var(bits, ctx)?.map(TValue::plain),
    })
}

/// `FilterExpression.resolve`: a missing variable is `""` (or `None` with
/// `ignore_failures`, as `{% if %}` and `{% for %}` ask), and filters still apply.
fn resolve_expr(
    expr: &FilterExpr,
    ctx: &Context,
    ignore_failures: bool,
) -> Result<TValue, PyException> {
    let mut value = match resolve_operand(&expr.operand, ctx)? {
        Some(v) => v,
        None if ignore_failures => TValue::plain(Value::None),
        None => TValue::plain(Value::str("")),
    };
    for f in &expr.filters {
        let arg = match &f.arg {
            None => None,
            Some(a) => Some(match resolve_operand(a, ctx)? {
                Some(v) => v,
                // A missing argument variable is string_if_invalid.
                None => TValue::plain(Value::str("")),
            }),
        };
        value = filters::apply(&f.name, value, arg)?;
    }
    Ok(value)
}

fn py_compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        _ => {
            let (x, y) = (as_f64(a)?, as_f64(b)?);
            x.partial_cmp(&y)
        }
    }
}

fn contains(container: &Value, item: &Value) -> Result<bool, PyException> {
    match container {
        Value::Str(s) => match item {
            Value::Str(i) => Ok(s.contains(&**i)),
            _ => Err(PyException::type_error(
                "'in <string>' requires string as left operand",
            )),
        },
        Value::Dict(d) => d.borrow().contains(item),
        Value::Native(obj) => obj.contains(item),
        other => Ok(iterate(other)?.iter().any(|v| v.py_eq(item))),
    }
}

fn eval_cond(cond: &Cond, ctx: &Context) -> Result<Value, PyException> {
    Ok(match cond {
        Cond::Value(expr) => resolve_expr(expr, ctx, true)?.value,
        Cond::Not(c) => Value::Bool(!eval_truth(c, ctx)?),
        Cond::And(a, b) => {
            let left = eval_cond(a, ctx)?;
            if !left.is_truthy() {
                left
            } else {
                eval_cond(b, ctx)?
            }
        }
        Cond::Or(a, b) => {
            let left = eval_cond(a, ctx)?;
            if left.is_truthy() {
                left
            } else {
                eval_cond(b, ctx)?
            }
        }
        Cond::Compare(op, a, b) => {
            let (x, y) = (eval_cond(a, ctx)?, eval_cond(b, ctx)?);
            // An operation that raises is false, as in Django's smartif.
            let r = match op.as_str() {
                "==" => Some(x.py_eq(&y)),
                "!=" => Some(!x.py_eq(&y)),
                "<" => py_compare(&x, &y).map(|o| o == Ordering::Less),
                ">" => py_compare(&x, &y).map(|o| o == Ordering::Greater),
                "<=" => py_compare(&x, &y).map(|o| o != Ordering::Greater),
                ">=" => py_compare(&x, &y).map(|o| o != Ordering::Less),
                "in" => contains(&y, &x).ok(),
                "not in" => contains(&y, &x).ok().map(|b| !b),
                "is" => Some(x.identity_eq(&y)),
                "is not" => Some(!x.identity_eq(&y)),
                _ => None,
            };
            Value::Bool(r.unwrap_or(false))
        }
    })
}

fn eval_truth(cond: &Cond, ctx: &Context) -> Result<bool, PyException> {
    Ok(eval_cond(cond, ctx)?.is_truthy())
}

/// `render_value_in_context`: localized, turned to text, escaped unless safe.
fn display(value: &TValue) -> Result<String, PyException> {
    let text = filters::localize(&value.value)?;
    Ok(if value.safe { text } else { escape(&text) })
}

fn render_nodes(
    nodes: &[Node],
    ctx: &mut Context<'_>,
    out: &mut String,
) -> Result<(), PyException> {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Var(expr) => {
                let v = resolve_expr(expr, ctx, false)?;
                out.push_str(&display(&v)?);
            }
            Node::CsrfToken => {
                if let Some(token) = ctx.get("csrf_token") {
                    let token = to_str(&token);
                    if !token.is_empty() && token != "NOTPROVIDED" {
                        out.push_str(&format!(
                            "<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"{}\">",
                            escape(&token)
                        ));
                    }
                }
            }
            Node::Url {
                view,
                args,
                kwargs,
                asvar,
            } => {
                let mut positional = Vec::new();
                for a in args {
                    positional.push(resolve_expr(a, ctx, false)?.value);
                }
                let mut named = Vec::new();
                for (k, e) in kwargs {
                    named.push((k.clone(), resolve_expr(e, ctx, false)?.value));
                }
                let name = resolve_expr(view, ctx, false)?.value;
                let url = match (ctx.reverse)(&name, &positional, &named) {
                    Ok(url) => url,
                    // With `as var` a name that does not reverse gives "".
                    Err(e) if asvar.is_some() && &*e.kind == "NoReverseMatch" => String::new(),
                    Err(e) => return Err(e),
                };
                match asvar {
                    Some(var) => ctx.set(var, Value::str(&url)),
                    None => out.push_str(&escape(&url)),
                }
            }
            Node::If(branches) => {
                for (cond, body) in branches {
                    let take = match cond {
                        Some(c) => eval_truth(c, ctx)?,
                        None => true,
                    };
                    if take {
                        render_nodes(body, ctx, out)?;
                        break;
                    }
                }
            }
            Node::With(assignments, body) => {
                let mut scope = Vec::new();
                for (name, expr) in assignments {
                    scope.push((name.clone(), resolve_expr(expr, ctx, false)?.value));
                }
                ctx.push(scope);
                let r = render_nodes(body, ctx, out);
                ctx.pop();
                r?;
            }
            Node::For {
                vars,
                iterable,
                reversed,
                body,
                empty,
            } => {
                let seq = resolve_expr(iterable, ctx, true)?.value;
                let mut items = match &seq {
                    Value::None => Vec::new(),
                    Value::Native(obj) => obj.iter()?,
                    other => iterate(other)?,
                };
                if *reversed {
                    items.reverse();
                }
                if items.is_empty() {
                    render_nodes(empty, ctx, out)?;
                    continue;
                }
                let parent = ctx
                    .get("forloop")
                    .unwrap_or_else(|| Value::dict(Dict::new()));
                let n = items.len();
                ctx.push(Vec::new());
                let mut result = Ok(());
                for (i, item) in items.into_iter().enumerate() {
                    let mut d = Dict::new();
                    for (k, v) in [
                        ("parentloop", parent.clone()),
                        ("counter0", Value::int(i as i64)),
                        ("counter", Value::int(i as i64 + 1)),
                        ("revcounter", Value::int((n - i) as i64)),
                        ("revcounter0", Value::int((n - i - 1) as i64)),
                        ("first", Value::Bool(i == 0)),
                        ("last", Value::Bool(i == n - 1)),
                    ] {
                        d.insert(Value::str(k), v)?;
                    }
                    ctx.set("forloop", Value::dict(d));
                    if vars.len() == 1 {
                        ctx.set(&vars[0], item);
                    } else {
                        let parts = match &item {
                            Value::List(_) | Value::Tuple(_) => iterate(&item)?,
                            Value::Str(s) => {
                                s.chars().map(|c| Value::str(&c.to_string())).collect()
                            }
                            _ => vec![item.clone()],
                        };
                        if parts.len() != vars.len() {
                            result = Err(PyException::new(
                                "ValueError",
                                format!(
                                    "Need {} values to unpack in for loop; got {}. ",
                                    vars.len(),
                                    parts.len()
                                ),
                            ));
                            break;
                        }
                        for (name, v) in vars.iter().zip(parts) {
                            ctx.set(name, v);
                        }
                    }
                    result = render_nodes(body, ctx, out);
                    if result.is_err() {
                        break;
                    }
                }
                ctx.pop();
                result?;
            }
        }
    }
    Ok(())
}

/// Renders a template with the context processors' values under the view's `context`.
pub fn render(
    template: &Template,
    name: &str,
    context: Value,
    request: &Value,
    reverse: Reverse<'_>,
) -> Result<String, PyException> {
    let builtins = vec![
        ("True".to_string(), Value::Bool(true)),
        ("False".to_string(), Value::Bool(false)),
        ("None".to_string(), Value::None),
    ];
    let mut processed = Vec::new();
    if !request.is_none() {
        for processor in super::processors() {
            processed.extend(processor(request)?);
        }
    }
    let own = match &context {
        Value::None => Vec::new(),
        Value::Dict(d) => d
            .borrow()
            .iter()
            .map(|(k, v)| (to_str(k), v.clone()))
            .collect(),
        other => {
            return Err(PyException::type_error(format!(
                "context must be a dict rather than {}.",
                other.type_name()
            )))
        }
    };
    let mut ctx = Context {
        scopes: vec![builtins, processed, own],
        reverse,
    };
    let _ = name;
    let mut out = String::new();
    render_nodes(&template.nodes, &mut ctx, &mut out)?;
    Ok(out)
}

//! The Django template language, the subset session views use: `{{ var.lookup|filter:arg }}`,
//! `{% if %}`, `{% for %}` / `{% empty %}` with `forloop`, `{% with %}`, `{% comment %}`,
//! `{# … #}`, `{% csrf_token %}` and `{% url %}` (the scenario's routes), with Django's autoescaping. Anything else is refused as
//! "not supported in the simulator", naming the template and its line.
//!
//! - `parse`: the lexer and parser (tokens as Django's `Lexer` splits them).
//! - `render`: the context stack, variable lookup and the tags.
//! - `filters`: the filters of the subset.
//! - `context`: the context processors (`request`, `csrf`), a list other features extend.

mod context;
mod filters;
mod parse;
mod render;

pub use context::{processors, Processor};
pub use parse::{parse, Node, Template};
pub use render::Reverse;

use crate::python::{PyException, Value};

use super::project::Templates;

/// `TemplateDoesNotExist: name` (several names are joined with ", ", as `select_template`
/// does).
fn does_not_exist(names: &[String]) -> PyException {
    PyException::new("TemplateDoesNotExist", names.join(", "))
}

/// Checks every template of a scenario: a feature outside the subset is an error naming the
/// template and its line (syntax errors are left for rendering, where Django raises them).
pub fn check_all(templates: &Templates) -> Result<(), (String, usize, String)> {
    for t in &templates.0 {
        if let Err(parse::ParseError::Unsupported { what, line }) = parse(&t.source) {
            return Err((t.name.clone(), line, what));
        }
    }
    Ok(())
}

/// `render_to_string(names, context, request)`: the first template that exists, rendered
/// with the context processors' values under `context`.
pub fn render_to_string(
    templates: &Templates,
    names: &[String],
    context: Value,
    request: &Value,
    reverse: Reverse<'_>,
) -> Result<String, PyException> {
    let Some(source) = names.iter().find_map(|n| templates.get(n)) else {
        return Err(does_not_exist(names));
    };
    let template = match parse(&source.source) {
        Ok(t) => t,
        Err(parse::ParseError::Syntax(message)) => {
            return Err(PyException::new("TemplateSyntaxError", message))
        }
        Err(parse::ParseError::Unsupported { what, line }) => {
            return Err(super::unsupported(format!(
                "{what} in template {:?} (template line {line})",
                source.name
            )))
        }
    };
    render::render(&template, &source.name, context, request, reverse)
}

//! What a scenario declares about its project besides the views: the routes (`urls.py`) and
//! the templates; and the functions that use them: `django.urls.reverse`,
//! `django.shortcuts.redirect`, `render` and `get_object_or_404`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::{to_str, PyException, Value};

use super::http::redirect_response;
use super::pyargs::{iterate, Signature};
use super::urls::{self, NamedRoute};

/// One template of `[templates]`.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateSource {
    pub name: String,
    pub source: String,
    /// The file line holding the template's first line.
    pub first_line: usize,
    /// Byte offset of the value in the file (for located errors).
    pub offset: usize,
}

/// `[templates]`: name → source, in the order written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Templates(pub Vec<TemplateSource>);

impl Templates {
    /// The template called `name`.
    pub fn get(&self, name: &str) -> Option<&TemplateSource> {
        self.0.iter().find(|t| t.name == name)
    }
}

/// A `[[route]]`: `path("cart/<int:n>/", views.cart, name="cart")` in a `urls.py`.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// The pattern as `path()` takes it, without the leading `/`.
    pub path: String,
    /// The view function's name in `views`.
    pub view: String,
    /// The URL name (`name=`), if any.
    pub name: Option<String>,
    /// The byte range of `view` in the file.
    pub view_span: std::ops::Range<usize>,
}

/// The project around the views.
#[derive(Default)]
pub struct Project {
    pub routes: Vec<Route>,
    pub templates: Templates,
}

/// The project as the simulator and the native functions share it.
pub type SharedProject = Rc<RefCell<Project>>;

impl Project {
    pub fn shared() -> SharedProject {
        Rc::new(RefCell::new(Project::default()))
    }

    /// The view a request path resolves to (the first route that matches) and the keyword
    /// arguments it captured.
    pub fn resolve(&self, path: &str) -> Option<(String, Vec<(String, Value)>)> {
        let rest = path.strip_prefix('/')?;
        self.routes
            .iter()
            .find_map(|r| urls::resolve(&r.path, rest).map(|kw| (r.view.clone(), kw)))
    }

    fn reverse(
        &self,
        current_view: &str,
        lookup: &Value,
        args: &[Value],
        kwargs: &[(String, Value)],
    ) -> Result<String, PyException> {
        let named: Vec<NamedRoute> = self
            .routes
            .iter()
            .map(|r| NamedRoute {
                pattern: &r.path,
                name: r.name.as_deref(),
                view: &r.view,
            })
            .collect();
        let result = urls::reverse(&named, lookup, args, kwargs);
        // A request that names its view reaches it through a catch-all pattern, which
        // reverses to "/".
        if let (Err(_), Value::Function(f)) = (&result, lookup) {
            if !current_view.is_empty()
                && *f.name == *current_view
                && args.is_empty()
                && kwargs.is_empty()
                && !named.iter().any(|r| r.view == current_view)
            {
                return Ok("/".into());
            }
        }
        result
    }
}

fn lookup_of(value: &Value) -> Value {
    match super::decorators::DecoratedView::unwrap(value) {
        (w, inner @ Value::Function(_)) if !w.is_empty() => inner,
        _ => value.clone(),
    }
}

fn kwargs_of(value: Option<Value>) -> Result<Vec<(String, Value)>, PyException> {
    match value {
        None | Some(Value::None) => Ok(Vec::new()),
        Some(Value::Dict(d)) => Ok(d
            .borrow()
            .iter()
            .map(|(k, v)| (to_str(k), v.clone()))
            .collect()),
        Some(other) => Err(PyException::new(
            "AttributeError",
            format!("'{}' object has no attribute 'items'", other.type_name()),
        )),
    }
}

fn reverse_function(project: SharedProject, current_view: Rc<RefCell<String>>) -> Value {
    Value::native_function("reverse", move |args, kwargs| {
        let a = Signature {
            qualname: "reverse",
            names: &[
                "viewname",
                "urlconf",
                "args",
                "kwargs",
                "current_app",
                "query",
                "fragment",
            ],
            required: 1,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        if a.get(1).is_some_and(|v| !v.is_none())
            || a.get(5).is_some_and(|v| !v.is_none())
            || a.get(6).is_some_and(|v| !v.is_none())
        {
            return Err(super::unsupported(
                "reverse() with urlconf, query or fragment",
            ));
        }
        let positional = match a.get(2) {
            None | Some(Value::None) => Vec::new(),
            Some(v) => iterate(&v)?,
        };
        let kw = kwargs_of(a.get(3))?;
        let url = project.borrow().reverse(
            &current_view.borrow(),
            &lookup_of(&a.req(0)),
            &positional,
            &kw,
        )?;
        Ok(Value::str(&url))
    })
}

/// `redirect(to, *args, permanent=False, **kwargs)` with `resolve_url`'s rules: a route name
/// or view is reversed; otherwise text with `/` or `.` is a URL as it is.
fn redirect_function(project: SharedProject, current_view: Rc<RefCell<String>>) -> Value {
    Value::native_function("redirect", move |mut args, kwargs| {
        if args.is_empty() {
            return Err(PyException::new(
                "TypeError",
                "redirect() missing 1 required positional argument: 'to'",
            ));
        }
        let to = args.remove(0);
        let mut permanent = false;
        let mut kw = Vec::new();
        for (k, v) in kwargs {
            if &*k == "permanent" {
                permanent = v.is_truthy();
            } else {
                kw.push((k.to_string(), v));
            }
        }
        if let Value::Str(s) = &to {
            if s.starts_with("./") || s.starts_with("../") {
                return Ok(redirect_response(s, permanent));
            }
        }
        let lookup = lookup_of(&to);
        let url = match project
            .borrow()
            .reverse(&current_view.borrow(), &lookup, &args, &kw)
        {
            Ok(url) => url,
            Err(e) => match &to {
                Value::Str(s) if s.contains('/') || s.contains('.') => s.to_string(),
                _ => return Err(e),
            },
        };
        Ok(redirect_response(&url, permanent))
    })
}

fn get_object_or_404() -> Value {
    Value::native_function("get_object_or_404", |_, _| {
        Err(super::unsupported(
            "get_object_or_404 (the simulated project has no models; raise Http404 yourself)",
        ))
    })
}

/// Renders with `{% url %}` reversing against the project's routes.
pub fn render_template(
    project: &SharedProject,
    current_view: &Rc<RefCell<String>>,
    names: &[String],
    context: Value,
    request: &Value,
) -> Result<String, PyException> {
    let project = project.borrow();
    let view = current_view.borrow().clone();
    let reverse = |lookup: &Value, args: &[Value], kwargs: &[(String, Value)]| {
        project.reverse(&view, &lookup_of(lookup), args, kwargs)
    };
    super::template::render_to_string(&project.templates, names, context, request, &reverse)
}

fn render_function(project: SharedProject, current_view: Rc<RefCell<String>>) -> Value {
    Value::native_function("render", move |args, kwargs| {
        let a = Signature {
            qualname: "render",
            names: &[
                "request",
                "template_name",
                "context",
                "content_type",
                "status",
                "using",
            ],
            required: 2,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        if a.get(5).is_some_and(|v| !v.is_none()) {
            return Err(super::unsupported(
                "render(using=…): the project has one template engine",
            ));
        }
        let names: Vec<String> = match a.req(1) {
            Value::Str(s) => vec![s.to_string()],
            Value::List(_) | Value::Tuple(_) => iterate(&a.req(1))?.iter().map(to_str).collect(),
            other => vec![to_str(&other)],
        };
        let html = render_template(
            &project,
            &current_view,
            &names,
            a.get(2).unwrap_or(Value::None),
            &a.req(0),
        )?;
        let make = super::http::response_class("HttpResponse", 200);
        let Value::NativeFunction(f) = make else {
            unreachable!("response_class builds a native function")
        };
        let mut kw: Vec<(Rc<str>, Value)> = Vec::new();
        if let Some(ct) = a.get(3) {
            kw.push((Rc::from("content_type"), ct));
        }
        if let Some(st) = a.get(4) {
            kw.push((Rc::from("status"), st));
        }
        (f.func)(vec![Value::str(&html)], kw)
    })
}

/// `render_to_string` as `django.template.loader` offers it.
fn render_to_string_function(project: SharedProject, current_view: Rc<RefCell<String>>) -> Value {
    Value::native_function("render_to_string", move |args, kwargs| {
        let a = Signature {
            qualname: "render_to_string",
            names: &["template_name", "context", "request", "using"],
            required: 1,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        let names: Vec<String> = match a.req(0) {
            Value::Str(s) => vec![s.to_string()],
            other => iterate(&other)?.iter().map(to_str).collect(),
        };
        let html = render_template(
            &project,
            &current_view,
            &names,
            a.get(1).unwrap_or(Value::None),
            &a.get(2).unwrap_or(Value::None),
        )?;
        Ok(Value::str(&html))
    })
}

/// The modules that read the project: `django.urls`, `django.shortcuts`,
/// `django.template.loader`.
pub fn modules(
    project: SharedProject,
    current_view: Rc<RefCell<String>>,
) -> Vec<(&'static str, Vec<(&'static str, Value)>)> {
    vec![
        (
            "django.urls",
            vec![
                (
                    "reverse",
                    reverse_function(project.clone(), current_view.clone()),
                ),
                ("NoReverseMatch", Value::exception_class("NoReverseMatch")),
            ],
        ),
        (
            "django.shortcuts",
            vec![
                (
                    "redirect",
                    redirect_function(project.clone(), current_view.clone()),
                ),
                (
                    "render",
                    render_function(project.clone(), current_view.clone()),
                ),
                ("get_object_or_404", get_object_or_404()),
            ],
        ),
        (
            "django.template.loader",
            vec![(
                "render_to_string",
                render_to_string_function(project, current_view),
            )],
        ),
        (
            "django.template",
            vec![
                (
                    "TemplateDoesNotExist",
                    Value::exception_class("TemplateDoesNotExist"),
                ),
                (
                    "TemplateSyntaxError",
                    Value::exception_class("TemplateSyntaxError"),
                ),
            ],
        ),
    ]
}

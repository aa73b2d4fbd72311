//! Context processors: what every template rendered with a request sees. Django always adds
//! `csrf_token`; a new project lists `request` and `auth` (messages would be added to
//! [`processors`]).

use crate::python::{PyException, Value};

/// A context processor: names and values from the request.
pub type Processor = fn(&Value) -> Result<Vec<(String, Value)>, PyException>;

/// `django.template.context_processors.request`.
fn request(request: &Value) -> Result<Vec<(String, Value)>, PyException> {
    Ok(vec![("request".to_string(), request.clone())])
}

/// `django.template.context_processors.csrf` (built in): a masked token of 64 letters and
/// digits; its value is random in Django, and transcripts compare it by shape.
fn csrf(_request: &Value) -> Result<Vec<(String, Value)>, PyException> {
    let mut rng = fastrand::Rng::with_seed(0x6373_7266);
    let token: String = (0..64).map(|_| rng.alphanumeric()).collect();
    Ok(vec![("csrf_token".to_string(), Value::str(&token))])
}

/// `django.contrib.auth.context_processors.auth`: `user` (`perms` is not simulated).
fn auth(request: &Value) -> Result<Vec<(String, Value)>, PyException> {
    let user = match request {
        Value::Native(obj) => obj.get_attr("user").ok(),
        _ => None,
    };
    let user =
        user.unwrap_or_else(|| Value::Native(std::rc::Rc::new(crate::django::auth::AnonymousUser)));
    Ok(vec![("user".to_string(), user)])
}

/// The context processors in force, in order (later ones win on a shared name).
pub fn processors() -> Vec<Processor> {
    vec![csrf, request, auth]
}

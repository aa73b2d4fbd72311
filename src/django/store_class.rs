//! `SessionStore` as the class each engine module defines, `django.conf.settings` (the
//! session settings) and `importlib.import_module`, which is how Django code finds the
//! engine's class: `import_module(settings.SESSION_ENGINE).SessionStore`.

use std::any::Any;
use std::rc::Rc;

use crate::python::{NativeClass, NativeObject, PyException, PyType, Value};

use super::pyargs::{bind_method, Kwargs};
use super::session::{SessionStore, SharedServer};
use super::settings::{Engine, SameSite};
use super::unsupported;

/// `SessionStore` of an engine module as a class: `SessionStore()`,
/// `SessionStore(session_key=…)`, the classmethods `clear_expired()`/`aclear_expired()` and,
/// for db and cached_db, `get_model_class()`.
pub fn store_class(server: &SharedServer, engine: Engine) -> Rc<NativeClass> {
    let qualified = format!("{}.SessionStore", engine.module());
    let make = server.clone();
    let construct = move |args: Vec<Value>, kwargs: Kwargs| {
        let a = bind_method("SessionStore.__init__", &["session_key"], 0, args, kwargs)?;
        let key = match a.get(0) {
            Some(Value::Str(s)) => Some(s.to_string()),
            _ => None,
        };
        let store: Rc<dyn NativeObject> =
            Rc::new(SessionStore::new(make.clone(), engine, key.as_deref()));
        Ok(Value::Native(store))
    };
    let mut attrs: Vec<(&str, Value)> = Vec::new();
    for name in ["clear_expired", "aclear_expired"] {
        let srv = server.clone();
        attrs.push((
            name,
            Value::native_function(name, move |args, kwargs| {
                // A classmethod: the same code as calling it on a store.
                SessionStore::new(srv.clone(), engine, None).call_method(name, args, kwargs)
            }),
        ));
    }
    if matches!(engine, Engine::Db | Engine::CachedDb) {
        let srv = server.clone();
        attrs.push((
            "get_model_class",
            Value::native_function("get_model_class", move |args, kwargs| {
                bind_method("SessionStore.get_model_class", &[], 0, args, kwargs)?;
                Ok(Value::Type(PyType::native(
                    super::session_model::session_class(&srv),
                )))
            }),
        ));
    }
    attrs.push((
        "TEST_COOKIE_NAME",
        Value::str(super::session::TEST_COOKIE_NAME),
    ));
    attrs.push((
        "TEST_COOKIE_VALUE",
        Value::str(super::session::TEST_COOKIE_VALUE),
    ));
    // The store's methods read from the class are refused; each is made when it is read.
    let method = |name: &str| {
        let methods = super::session::method_names();
        let n: String = methods.into_iter().find(|m| m == name)?;
        Some(Value::native_function(&n.clone(), move |_, _| {
            Err(unsupported(format!(
                "SessionStore.{n} read from the class (call it on a store: SessionStore().{n}(…))"
            )))
        }))
    };
    Rc::new(NativeClass::new(&qualified, construct, attrs).with_more(method))
}

/// `django.conf.settings`, for the session settings.
struct DjangoSettings {
    server: SharedServer,
}

impl NativeObject for DjangoSettings {
    fn type_name(&self) -> &str {
        "LazySettings"
    }

    fn qualified_name(&self) -> String {
        "django.conf.LazySettings".into()
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        let server = self.server.borrow();
        let s = &server.settings;
        let opt = |v: &Option<String>| v.as_deref().map_or(Value::None, Value::str);
        Ok(match name {
            "SESSION_ENGINE" => Value::str(&s.engine.module()),
            "SESSION_COOKIE_NAME" => Value::str(&s.cookie_name),
            "SESSION_COOKIE_AGE" => Value::int(s.cookie_age),
            "SESSION_SAVE_EVERY_REQUEST" => Value::Bool(s.save_every_request),
            "SESSION_EXPIRE_AT_BROWSER_CLOSE" => Value::Bool(s.expire_at_browser_close),
            "SESSION_COOKIE_SECURE" => Value::Bool(s.cookie_secure),
            "SESSION_COOKIE_HTTPONLY" => Value::Bool(s.cookie_httponly),
            "SESSION_COOKIE_SAMESITE" => match &s.cookie_samesite {
                SameSite::Off(b) => Value::Bool(*b),
                SameSite::Value(v) => Value::str(v),
            },
            "SESSION_COOKIE_PATH" => Value::str(&s.cookie_path),
            "SESSION_COOKIE_DOMAIN" => opt(&s.cookie_domain),
            "SESSION_CACHE_ALIAS" => Value::str("default"),
            "SESSION_SERIALIZER" => Value::str("django.contrib.sessions.serializers.JSONSerializer"),
            "LOGIN_URL" => Value::str(&s.login_url),
            _ => {
                return Err(unsupported(format!(
                    "settings.{name} (the simulator's settings object has the SESSION_* settings and LOGIN_URL)"
                )))
            }
        })
    }

    fn set_attr(&self, name: &str, _value: Value) -> Result<(), PyException> {
        Err(unsupported(format!("changing settings.{name}")))
    }

    fn repr(&self) -> String {
        "<LazySettings \"settings\">".into()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The modules this file adds: `django.conf` (`settings`) and `importlib` (`import_module`
/// of a session engine's module, the only use the simulator allows).
pub fn modules(server: &SharedServer) -> Vec<(&'static str, Vec<(&'static str, Value)>)> {
    let settings: Rc<dyn NativeObject> = Rc::new(DjangoSettings {
        server: server.clone(),
    });
    let srv = server.clone();
    let import_module = Value::native_function("import_module", move |args, kwargs| {
        let a = super::pyargs::Signature {
            qualname: "import_module",
            names: &["name", "package"],
            required: 1,
            method: false,
            var_kwargs: false,
        }
        .bind(args, kwargs)?;
        if a.get(1).is_some_and(|p| !p.is_none()) {
            return Err(unsupported("import_module() with a package"));
        }
        let name = match a.req(0) {
            Value::Str(s) => s,
            other => {
                return Err(unsupported(format!(
                    "import_module({}) (only a session engine's module)",
                    crate::python::repr(&other)
                )))
            }
        };
        match Engine::ALL.iter().find(|e| e.module() == *name) {
            Some(engine) => Ok(engine_module_value(&srv, *engine)),
            None => Err(unsupported(format!(
                "import_module('{name}') (only a session engine's module, such as settings.SESSION_ENGINE)"
            ))),
        }
    });
    let mut importlib = vec![("import_module", import_module)];
    for name in [
        "reload",
        "invalidate_caches",
        "__import__",
        "util",
        "machinery",
        "resources",
        "metadata",
        "abc",
    ] {
        importlib.push((
            name,
            Value::native_function(name, move |_, _| {
                Err(unsupported(format!(
                    "importlib.{name} (only import_module of a session engine)"
                )))
            }),
        ));
    }
    vec![
        ("django.conf", vec![("settings", Value::Native(settings))]),
        ("importlib", importlib),
    ]
}

/// The members of an engine module (`django.contrib.sessions.backends.db`).
pub fn engine_members(server: &SharedServer, engine: Engine) -> Vec<(&'static str, Value)> {
    vec![(
        "SessionStore",
        Value::Type(PyType::native(store_class(server, engine))),
    )]
}

fn engine_module_value(server: &SharedServer, engine: Engine) -> Value {
    Value::Module(Rc::new(crate::python::value::PyModule {
        name: Rc::from(engine.module().as_str()),
        members: std::cell::RefCell::new(
            engine_members(server, engine)
                .into_iter()
                .map(|(n, v)| (Rc::from(n), v))
                .collect(),
        ),
    }))
}

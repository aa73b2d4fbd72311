//! What real Django's modules hold, beside what the simulator provides: the public names of
//! each Django module the simulator has part of, read from Django 5.2 (`library_names.txt`,
//! kept true by `tests/django/library_names.py` in CI). A view importing a name the
//! simulated module lacks is refused ("not supported in the simulator") when real Django has
//! it, and gets CPython's `ImportError` when it does not (a typo, a name Django removed).

use std::sync::OnceLock;

use crate::python::LibraryModule;

static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/library_names.bin"));

/// The real module `dotted` (`None`: not one of the modules the file lists).
pub fn module(dotted: &str) -> Option<LibraryModule> {
    static MODULES: OnceLock<Vec<(&'static str, LibraryModule)>> = OnceLock::new();
    let modules = MODULES.get_or_init(|| parse(unpack()));
    modules
        .iter()
        .find(|(name, _)| *name == dotted)
        .map(|(_, m)| *m)
}

fn unpack() -> &'static str {
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(PACKED, 1 << 20)
        .expect("the library names are packed at build time");
    let text = String::from_utf8(bytes).expect("the library names are UTF-8");
    Box::leak(text.into_boxed_str())
}

/// One module a line: its dotted name, its file, then its names; `#` starts a comment.
fn parse(text: &'static str) -> Vec<(&'static str, LibraryModule)> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut words = line.split_ascii_whitespace();
            let dotted = words.next()?;
            let origin = words.next()?;
            let names: &'static [&'static str] = Box::leak(words.collect::<Vec<_>>().into());
            Some((dotted, LibraryModule { origin, names }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::django::settings::Settings;
    use crate::sim::runner::Simulator;

    #[test]
    fn every_name_the_simulator_provides_is_one_real_django_has() {
        let sim = Simulator::new(Settings::default(), None, 1);
        let mut seen = 0;
        for dotted in sim.interp.module_names() {
            if dotted != "django" && !dotted.starts_with("django.") {
                continue;
            }
            let real = module(&dotted).unwrap_or_else(|| {
                panic!("{dotted} is not in library_names.txt: re-run tests/django/library_names.py")
            });
            for name in sim.interp.module_members(&dotted).unwrap() {
                assert!(
                    name.starts_with('_') || real.names.contains(&name.as_str()),
                    "{dotted}.{name} is not a name of real Django's module"
                );
                seen += 1;
            }
        }
        assert!(seen > 100, "{seen} names");
    }

    #[test]
    fn files_are_named_as_cpython_names_them() {
        assert_eq!(
            module("django.http").unwrap().origin,
            "django/http/__init__.py"
        );
        assert_eq!(
            module("django.utils.timezone").unwrap().origin,
            "django/utils/timezone.py"
        );
        assert!(module("django.views").unwrap().names.contains(&"View"));
        assert!(module("json").is_none());
    }

    /// What loading views that import `line` gives.
    fn import_outcome(line: &str) -> String {
        let text = format!(
            "format_version = 1\ntitle = \"t\"\nviews = \'\'\'\n{line}\ndef v(request):\n    pass\n\'\'\'\n[[request]]\nview = \"v\"\n"
        );
        let scenario = crate::sim::load_scenario("t.toml", &text).unwrap();
        match crate::sim::runner::run(&scenario, Some(1)) {
            Ok(_) => "ran".to_string(),
            Err(e) => e.message,
        }
    }

    #[test]
    fn a_real_name_not_simulated_is_refused_and_a_name_django_lacks_is_an_import_error() {
        assert_eq!(
            import_outcome("from django.views import View"),
            "views line 1: not supported in the simulator: 'View' from the module 'django.views'"
        );
        assert_eq!(
            import_outcome("from django.contrib.auth import get_user_model"),
            "views line 1: not supported in the simulator: 'get_user_model' from the module \
             'django.contrib.auth'"
        );
        assert_eq!(
            import_outcome("from django.http import HttpResponce"),
            "views line 1: the module does not load: ImportError: cannot import name \
             'HttpResponce' from 'django.http' (django/http/__init__.py)"
        );
        assert_eq!(
            import_outcome("import django.http\nx = django.http.StreamingHttpResponse"),
            "views line 2: not supported in the simulator: 'StreamingHttpResponse' from the \
             module 'django.http'"
        );
        assert_eq!(
            import_outcome("import django.http\nx = django.http.Nothing"),
            "views line 2: the module does not load: AttributeError: module 'django.http' has \
             no attribute 'Nothing'"
        );
        assert_eq!(
            import_outcome("from django.views.generic import TemplateView"),
            "views line 1: not supported in the simulator: the module 'django.views.generic' \
             (here django.views has: decorators)"
        );
        assert_eq!(
            import_outcome("import django.utils.tmezone"),
            "views line 1: the module does not load: ModuleNotFoundError: No module named \
             'django.utils.tmezone'"
        );
    }
}

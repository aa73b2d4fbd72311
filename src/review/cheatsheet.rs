//! The cheat sheet, generated from content: the API entries, the settings with their
//! defaults, `SessionMiddleware`'s decision table and the most common mistakes, each fix being
//! the takeaway of the quiz question the mistake names. Tests run every decision row's demo
//! in the simulator and compare every default with the simulated Django's, so the sheet
//! cannot say something the course does not.

use crate::content::study::mistake_question;
use crate::content::{CheatSheet, Topic};
use std::fmt::Write;

/// The two printed forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
}

/// One mistake with its fix, resolved against the topic's quizzes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedMistake<'a> {
    pub mistake: &'a str,
    /// The takeaway of the question, or `None` when the question is gone (`learn check`
    /// reports that).
    pub fix: Option<&'a str>,
}

pub fn mistakes<'a>(sheet: &'a CheatSheet, topic: &'a Topic) -> Vec<ResolvedMistake<'a>> {
    sheet
        .mistakes
        .iter()
        .map(|m| ResolvedMistake {
            mistake: &m.mistake,
            fix: mistake_question(topic, &m.question).map(|q| q.takeaway.as_str()),
        })
        .collect()
}

/// The whole sheet as text or Markdown. Text is unstyled and not wrapped (the screen wraps).
pub fn render(sheet: &CheatSheet, topic: &Topic, format: Format) -> String {
    let mut out = String::new();
    let md = format == Format::Markdown;
    let heading = |out: &mut String, title: &str, level: usize| {
        if md {
            let _ = writeln!(out, "{} {title}\n", "#".repeat(level));
        } else {
            let _ = writeln!(
                out,
                "{title}\n{}\n",
                if level == 1 { "=" } else { "-" }.repeat(title.chars().count())
            );
        }
    };
    let page_title = |slug: &str| {
        topic
            .pages
            .iter()
            .position(|p| p.slug == slug)
            .map(|i| format!("page {} ({})", i + 1, topic.pages[i].title))
            .unwrap_or_else(|| slug.to_owned())
    };
    heading(&mut out, &sheet.title, 1);

    heading(&mut out, "The API", 2);
    if md {
        out.push_str("| Call | What it does | Taught on |\n|---|---|---|\n");
        for a in &sheet.api {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                cell(&a.call),
                cell(&a.does),
                cell(&page_title(&a.page))
            );
        }
    } else {
        let width = sheet
            .api
            .iter()
            .map(|a| a.call.chars().count())
            .max()
            .unwrap_or(0);
        for a in &sheet.api {
            let _ = writeln!(out, "  {:width$}  {}", a.call, a.does);
        }
    }
    out.push('\n');

    heading(&mut out, "Settings and their defaults", 2);
    if md {
        out.push_str("| Setting | Default | What it means |\n|---|---|---|\n");
        for s in &sheet.settings {
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} |",
                s.name,
                cell(&s.default),
                cell(&s.means)
            );
        }
    } else {
        let width = sheet
            .settings
            .iter()
            .map(|s| s.name.chars().count() + 3 + s.default.chars().count())
            .max()
            .unwrap_or(0);
        for s in &sheet.settings {
            let left = format!("{} = {}", s.name, s.default);
            let _ = writeln!(out, "  {left:width$}  {}", s.means);
        }
    }
    out.push('\n');

    heading(&mut out, "What SessionMiddleware does at the response", 2);
    if md {
        out.push_str(
            "| When the view… | The store | The cookie | `Vary: Cookie` |\n|---|---|---|---|\n",
        );
        for d in &sheet.decisions {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&d.when),
                cell(&d.store),
                cell(&d.cookie),
                if d.vary { "yes" } else { "no" }
            );
        }
    } else {
        for d in &sheet.decisions {
            let _ = writeln!(out, "  When the view {}:", d.when);
            let _ = writeln!(out, "    store:  {}", d.store);
            let _ = writeln!(out, "    cookie: {}", d.cookie);
            let _ = writeln!(
                out,
                "    Vary: Cookie: {}",
                if d.vary { "yes" } else { "no" }
            );
        }
    }
    out.push('\n');

    heading(&mut out, "Common mistakes and their fixes", 2);
    for (i, m) in mistakes(sheet, topic).iter().enumerate() {
        let fix = m.fix.unwrap_or("(see the course)");
        if md {
            let _ = writeln!(out, "{}. **{}**  \n   Fix: {}", i + 1, m.mistake, fix);
        } else {
            let _ = writeln!(out, "  {}. {}\n     Fix: {}", i + 1, m.mistake, fix);
        }
    }
    out
}

/// A Markdown table cell: pipes escaped, no line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{load, Source};
    use crate::django::settings::{Engine, Settings};
    use crate::sim::sandbox::Sandbox;

    fn topic() -> Topic {
        load(&Source::Embedded)
            .unwrap()
            .topics
            .into_iter()
            .find(|t| t.slug == "sessions")
            .unwrap()
    }

    #[test]
    fn the_sheet_has_five_mistakes_each_with_a_fix_from_a_question() {
        let t = topic();
        let sheet = t.study.cheatsheet.as_ref().unwrap();
        let ms = mistakes(sheet, &t);
        assert_eq!(ms.len(), 5);
        for m in &ms {
            assert!(m.fix.is_some(), "{}", m.mistake);
        }
    }

    #[test]
    fn both_forms_show_every_entry() {
        let t = topic();
        let sheet = t.study.cheatsheet.as_ref().unwrap();
        let text = render(sheet, &t, Format::Text);
        let md = render(sheet, &t, Format::Markdown);
        for a in &sheet.api {
            assert!(text.contains(&a.call) && md.contains(&format!("`{}`", cell(&a.call))));
        }
        for s in &sheet.settings {
            assert!(text.contains(&format!("{} = {}", s.name, s.default)));
            assert!(md.contains(&format!("| `{}` | `{}` |", s.name, cell(&s.default))));
        }
        for m in mistakes(sheet, &t) {
            assert!(text.contains(m.fix.unwrap()) && md.contains(m.fix.unwrap()));
        }
        assert!(md.starts_with("# "));
        assert!(!text.contains('|') || sheet.api.iter().any(|a| a.call.contains('|')));
        assert!(!text.contains('\x1b'));
    }

    /// Python's repr of the simulated Django's default for a setting, if it simulates it.
    fn simulated_default(name: &str) -> Option<String> {
        let s = Settings::default();
        let py_bool = |b: bool| if b { "True" } else { "False" }.to_string();
        Some(match name {
            "SESSION_ENGINE" => format!("'{}'", Engine::Db.module()),
            "SESSION_SAVE_EVERY_REQUEST" => py_bool(s.save_every_request),
            "SESSION_EXPIRE_AT_BROWSER_CLOSE" => py_bool(s.expire_at_browser_close),
            "SESSION_COOKIE_AGE" => s.cookie_age.to_string(),
            "SESSION_COOKIE_SECURE" => py_bool(s.cookie_secure),
            "SESSION_COOKIE_HTTPONLY" => py_bool(s.cookie_httponly),
            "SESSION_COOKIE_SAMESITE" => match s.cookie_samesite.attribute() {
                Some(v) => format!("'{v}'"),
                None => "False".into(),
            },
            "SESSION_COOKIE_NAME" => format!("'{}'", s.cookie_name),
            "SESSION_COOKIE_PATH" => format!("'{}'", s.cookie_path),
            "SESSION_COOKIE_DOMAIN" => match &s.cookie_domain {
                Some(d) => format!("'{d}'"),
                None => "None".into(),
            },
            _ => return None,
        })
    }

    #[test]
    fn every_default_the_simulator_knows_matches_it() {
        let t = topic();
        let sheet = t.study.cheatsheet.as_ref().unwrap();
        let mut compared = 0;
        for s in &sheet.settings {
            if let Some(expected) = simulated_default(&s.name) {
                assert_eq!(s.default, expected, "{}", s.name);
                compared += 1;
            }
        }
        assert!(compared >= 8, "only {compared} settings compared");
    }

    #[test]
    fn every_decision_row_is_what_the_simulated_middleware_does() {
        let t = topic();
        let sheet = t.study.cheatsheet.as_ref().unwrap();
        for d in &sheet.decisions {
            let mut sb = Sandbox::new(Engine::Db, Some(1));
            for line in &d.before {
                let out = sb.exec(line);
                assert!(out.error.is_none(), "{}: {line}: {:?}", d.when, out.error);
            }
            if !d.before.is_empty() {
                sb.send();
            }
            for line in &d.demo {
                let out = sb.exec(line);
                assert!(out.error.is_none(), "{}: {line}: {:?}", d.when, out.error);
            }
            let sent = sb.send();
            let cookie = match &sent.set_cookie {
                None => "none",
                Some(h) if h.contains("Max-Age=0") => "delete",
                Some(_) => "set",
            };
            assert_eq!(cookie, d.expect_cookie, "{}: {:?}", d.when, sent.set_cookie);
            assert_eq!(sent.vary_cookie, d.vary, "{}: Vary", d.when);
        }
    }
}

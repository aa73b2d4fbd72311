//! The sandbox: a prompt inside a view. Each statement runs at once against `request`; the
//! result or the exception is printed, then the session when it changed. `:send` ends the
//! request through the middleware and starts the next one from the same browser.

use super::render::wrap;
use super::stepper::{cookie_pairs, store_pairs};
use super::Ui;
use crate::django::settings::Engine;
use crate::python::is_complete;
use crate::sim::sandbox::{Sandbox, SandboxState, SendSummary, SessionState};
use crate::sim::trace::{CookieView, StoreRowView};
use dialoguer::BasicHistory;
use std::io;

/// A line the learner typed: a command or Python.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Send,
    Browser(String),
    Engine(Engine),
    Clock(i64),
    State,
    Reset,
    Help,
    Quit,
    /// A command that could not be understood, with what to say.
    Bad(String),
}

/// Parses `:send`, `:browser B`, … (`None` when the line is Python).
pub fn parse_command(line: &str) -> Option<Command> {
    let t = line.trim();
    let rest = t.strip_prefix(':')?;
    let mut words = rest.split_whitespace();
    let name = words.next().unwrap_or("");
    let arg = words.next();
    let extra = words.next().is_some();
    let cmd = match (name, arg) {
        ("send" | "s", None) => Command::Send,
        ("browser" | "b", Some(b)) if !extra => Command::Browser(b.to_owned()),
        ("browser" | "b", _) => {
            Command::Bad("Say which browser: :browser NAME (for example :browser B).".into())
        }
        ("engine" | "e", Some(e)) if !extra => match Engine::parse(e) {
            Some(engine) => Command::Engine(engine),
            None => Command::Bad(format!(
                "Unknown engine {e:?}: use db, cache or signed_cookies."
            )),
        },
        ("engine" | "e", _) => Command::Bad(
            "Say which engine: :engine db, :engine cache or :engine signed_cookies.".into(),
        ),
        ("clock" | "c", Some(n)) if !extra => match n.trim_start_matches('+').parse::<i64>() {
            Ok(secs) if secs >= 0 && !n.starts_with('-') => Command::Clock(secs),
            _ => Command::Bad(format!(
                "{n:?} is not a number of seconds: use :clock +SECONDS (for example :clock +301)."
            )),
        },
        ("clock" | "c", _) => {
            Command::Bad("Say how far: :clock +SECONDS (for example :clock +301).".into())
        }
        ("state" | "st", None) => Command::State,
        ("reset", None) => Command::Reset,
        ("help" | "h" | "?", None) => Command::Help,
        ("quit" | "q" | "exit", None) => Command::Quit,
        _ => Command::Bad(format!(
            "Unknown command :{rest}; :help lists the commands."
        )),
    };
    Some(cmd)
}

const HELP: &[(&str, &str)] = &[
    ("STATEMENT", "runs Python inside the current request's view; `request` is bound"),
    (":send", "ends the request: the middleware runs (store, Set-Cookie, Vary) and the next request starts from the same browser"),
    (":browser NAME", "switches to (or opens) a browser with its own cookies; the unsent request is dropped"),
    (":engine NAME", "starts over with db, cache or signed_cookies"),
    (":clock +SECONDS", "moves the virtual clock forward (expiry follows it)"),
    (":state", "shows the session, the cookie sent, the store and the browser's cookies"),
    (":reset", "starts over with the same engine"),
    (":help", "this list"),
    (":quit", "leaves (so does the end of input)"),
];

/// Shows `>>> ` and `... ` as Python's own prompt does (no colon after them).
struct PythonPrompt;

impl dialoguer::theme::Theme for PythonPrompt {
    fn format_input_prompt(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        _default: Option<&str>,
    ) -> std::fmt::Result {
        write!(f, "{prompt} ")
    }
}

/// Where lines come from: the keyboard with editing and history, or a pipe.
enum Input {
    Terminal(Box<BasicHistory>),
    Piped,
}

impl Input {
    /// One line; `None` at end of input.
    fn read(&mut self, ui: &mut Ui, prompt: &str) -> io::Result<Option<String>> {
        match self {
            Input::Terminal(history) => {
                let result = dialoguer::Input::<String>::with_theme(&PythonPrompt)
                    .with_prompt(prompt)
                    .allow_empty(true)
                    .report(false)
                    .history_with(history.as_mut())
                    .interact_text_on(&ui.term());
                match super::answered(result) {
                    Ok(line) => {
                        ui.term().write_line(&format!("{prompt} {line}"))?;
                        Ok(Some(line))
                    }
                    Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
                    Err(e) => Err(e),
                }
            }
            Input::Piped => {
                let line = ui.read_line()?;
                if let Some(l) = &line {
                    // A pipe does not echo: show what runs, as a transcript would.
                    ui.line(format!("{prompt} {l}"))?;
                }
                Ok(line)
            }
        }
    }
}

/// Runs the sandbox until `:quit` or the end of input.
pub fn run(ui: &mut Ui, engine: Engine, seed: Option<u64>) -> io::Result<()> {
    let mut sandbox = Sandbox::new(engine, seed);
    let mut input = if ui.interactive {
        Input::Terminal(Box::new(
            BasicHistory::new().max_entries(200).no_duplicates(true),
        ))
    } else {
        Input::Piped
    };
    let state = sandbox.state();
    say(
        ui,
        &[
            ui.styles.heading.apply_to("Sandbox: you are inside a view").to_string(),
            format!(
                "`request` is a GET / from browser {} on the {} engine ({}). Type Python; :send ends the request, :help lists commands, :quit leaves.",
                state.browser,
                state.engine,
                cookie_words(&state.cookie_sent)
            ),
        ],
    )?;
    while let Some(first) = input.read(ui, ">>>")? {
        if first.trim().is_empty() {
            continue;
        }
        if let Some(cmd) = parse_command(&first) {
            if cmd == Command::Quit {
                break;
            }
            let lines = run_command(ui, &mut sandbox, cmd);
            say(ui, &lines)?;
            continue;
        }
        let mut source = first;
        let mut ended = false;
        if !is_complete(&source) || source.trim_end().ends_with(':') {
            // A block: read until a blank line, as Python's own prompt does.
            loop {
                match input.read(ui, "...")? {
                    None => {
                        ended = true;
                        break;
                    }
                    Some(l) if l.trim().is_empty() => break,
                    Some(l) => {
                        source.push('\n');
                        source.push_str(&l);
                    }
                }
            }
        }
        let out = sandbox.exec(&source);
        let mut lines = Vec::new();
        lines.extend(out.console.lines().map(str::to_owned));
        if let Some(echo) = out.echo {
            lines.push(echo);
        }
        if let Some(err) = out.error {
            lines.push(ui.styles.bad.apply_to(err).to_string());
        }
        if let Some(session) = out.session {
            lines.extend(session_lines(ui, &session, "✱ request.session changed:"));
        }
        say(ui, &lines)?;
        if ended {
            break;
        }
    }
    ui.flush()
}

fn run_command(ui: &Ui, sandbox: &mut Sandbox, cmd: Command) -> Vec<String> {
    let s = &ui.styles;
    match cmd {
        Command::Send => send_lines(ui, &sandbox.send(), &sandbox.state()),
        Command::Browser(name) => {
            let known = sandbox.state().browsers.contains(&name);
            let state = sandbox.switch_browser(&name);
            vec![format!(
                "Now browser {name}{}; a new request starts ({}). Any unsent changes were dropped.",
                if known { "" } else { " (new: no cookies yet)" },
                cookie_words(&state.cookie_sent)
            )]
        }
        Command::Engine(engine) => {
            let state = sandbox.set_engine(engine);
            vec![format!(
                "Started over on the {} engine: empty store, new browsers, the clock at its start.",
                state.engine
            )]
        }
        Command::Clock(secs) => match sandbox.advance_clock(secs) {
            Ok(state) => vec![format!(
                "The clock moved {secs} s; it is now {} ({}).",
                state.time,
                cookie_words(&state.cookie_sent)
            )],
            Err(e) => vec![format!("The clock did not move: {e}.")],
        },
        Command::State => state_lines(ui, &sandbox.state()),
        Command::Reset => {
            let state = sandbox.reset();
            vec![format!("Started over on the {} engine.", state.engine)]
        }
        Command::Help => {
            let mut out = vec![s.strong.apply_to("Commands").to_string()];
            for (c, what) in HELP {
                out.extend(wrap(
                    &format!("{c:<16} {what}"),
                    ui.width(),
                    "  ",
                    &" ".repeat(19),
                ));
            }
            out
        }
        Command::Quit => Vec::new(),
        Command::Bad(msg) => vec![msg],
    }
}

fn cookie_words(sent: &Option<String>) -> String {
    match sent {
        Some(v) => format!("it sends Cookie: sessionid={v}"),
        None => "no cookie sent".into(),
    }
}

fn session_lines(ui: &Ui, session: &SessionState, title: &str) -> Vec<String> {
    let data = if session.data.is_empty() {
        "{}".to_string()
    } else {
        format!(
            "{{{}}}",
            session
                .data
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let yes = |b: bool| if b { "yes" } else { "no" };
    vec![
        ui.styles.changed.apply_to(title).to_string(),
        format!("    {data}"),
        format!(
            "    accessed: {}   modified: {}   session_key: {}",
            yes(session.accessed),
            yes(session.modified),
            session.session_key.as_deref().unwrap_or("None")
        ),
    ]
}

fn store_lines(store: &[StoreRowView], engine: &str) -> Vec<String> {
    if engine == "signed_cookies" {
        return vec![
            "    (signed_cookies keeps nothing on the server: the data is in the cookie)".into(),
        ];
    }
    if store.is_empty() {
        return vec!["    (empty)".into()];
    }
    store_pairs(store)
        .into_iter()
        .map(|(key, text)| format!("    {key} → {text}"))
        .collect()
}

fn jar_lines(jar: &[CookieView]) -> Vec<String> {
    if jar.is_empty() {
        return vec!["    (no cookies)".into()];
    }
    cookie_pairs(jar)
        .into_iter()
        .map(|(name, text)| format!("    {name}={text}"))
        .collect()
}

fn send_lines(ui: &Ui, sent: &SendSummary, next: &SandboxState) -> Vec<String> {
    let s = &ui.styles;
    let mut out = vec![s
        .strong
        .apply_to(format!("Sent: request {} → {}", next.sent, sent.status))
        .to_string()];
    out.extend(wrap(
        &format!("SessionMiddleware: {}", sent.decision.reason),
        ui.width(),
        "  ",
        "    ",
    ));
    if let Some(e) = &sent.error {
        out.push(
            s.bad
                .apply_to(format!("  {}: {}", e.kind, e.message))
                .to_string(),
        );
    }
    out.push(match &sent.set_cookie {
        Some(c) => format!("  Set-Cookie: {c}"),
        None => "  (no Set-Cookie)".into(),
    });
    out.push(if sent.vary_cookie {
        "  Vary: Cookie".into()
    } else {
        "  (no Vary)".into()
    });
    out.push(format!("  Store ({}):", next.engine));
    out.extend(store_lines(&sent.store, &next.engine));
    out.push(format!("  Browser {}'s cookies:", next.browser));
    out.extend(jar_lines(&sent.jar));
    out.push(format!(
        "Next request: GET / from browser {} ({}).",
        next.browser,
        cookie_words(&next.cookie_sent)
    ));
    out
}

fn state_lines(ui: &Ui, st: &SandboxState) -> Vec<String> {
    let mut out = vec![ui
        .styles
        .strong
        .apply_to(format!(
            "Engine {} · browser {} · {} request(s) sent · {}",
            st.engine, st.browser, st.sent, st.time
        ))
        .to_string()];
    out.push(format!(
        "  This request: GET / ({})",
        cookie_words(&st.cookie_sent)
    ));
    out.extend(session_lines(ui, &st.session, "  request.session:"));
    out.push("  Store:".into());
    out.extend(store_lines(&st.store, &st.engine));
    out.push(format!("  Browser {}'s cookies:", st.browser));
    out.extend(jar_lines(&st.jar));
    if st.browsers.len() > 1 {
        out.push(format!("  Browsers: {}", st.browsers.join(", ")));
    }
    out
}

/// Prints lines: on the terminal's screen, or to stdout when plain.
fn say(ui: &mut Ui, lines: &[String]) -> io::Result<()> {
    if ui.interactive {
        let term = ui.term();
        for l in lines {
            for piece in wrap(l, ui.full_width(), "", "    ") {
                term.write_line(&piece)?;
            }
        }
        Ok(())
    } else {
        for l in lines {
            ui.line(l)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_understood_and_mistakes_explained() {
        assert_eq!(parse_command("request.session['a'] = 1"), None);
        assert_eq!(parse_command(":send"), Some(Command::Send));
        assert_eq!(
            parse_command(" :browser B "),
            Some(Command::Browser("B".into()))
        );
        assert_eq!(
            parse_command(":engine cache"),
            Some(Command::Engine(Engine::Cache))
        );
        assert_eq!(parse_command(":clock +301"), Some(Command::Clock(301)));
        assert_eq!(parse_command(":clock 5"), Some(Command::Clock(5)));
        assert!(matches!(parse_command(":clock -5"), Some(Command::Bad(_))));
        assert!(
            matches!(parse_command(":engine redis"), Some(Command::Bad(m)) if m.contains("db, cache or signed_cookies"))
        );
        assert!(matches!(parse_command(":browser"), Some(Command::Bad(_))));
        assert!(
            matches!(parse_command(":frobnicate"), Some(Command::Bad(m)) if m.contains(":help"))
        );
        assert_eq!(parse_command(":quit"), Some(Command::Quit));
    }
}

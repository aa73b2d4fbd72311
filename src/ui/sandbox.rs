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
use std::io;
use std::path::PathBuf;

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

/// A line read, or why there is none.
enum Read {
    Line(String),
    /// Ctrl-C: the line (and the block) is dropped, as Python's prompt does.
    Cancelled,
    /// Ctrl-D on an empty line, or the end of piped input.
    End,
}

/// Where lines come from: the keyboard with a line editor (rustyline: Home/End, Ctrl-A/E/U/W/K,
/// ↑ history kept in the data directory), or a pipe.
enum Input {
    Terminal {
        editor: Box<rustyline::DefaultEditor>,
        history: Option<PathBuf>,
    },
    Piped,
}

impl Input {
    fn terminal(history: Option<PathBuf>) -> Input {
        let config = rustyline::Config::builder()
            .max_history_size(500)
            .map(|b| b.history_ignore_dups(true))
            .and_then(|b| b.map(|b| b.auto_add_history(false).build()));
        let editor = match config {
            Ok(c) => rustyline::DefaultEditor::with_config(c),
            Err(e) => Err(e),
        };
        match editor {
            Ok(mut editor) => {
                if let Some(h) = &history {
                    // A missing history file is the first run; anything else only loses history.
                    let _ = editor.load_history(h);
                }
                Input::Terminal {
                    editor: Box::new(editor),
                    history,
                }
            }
            Err(_) => Input::Piped,
        }
    }

    /// One line after `prompt` (`>>>` or `...`).
    fn read(&mut self, ui: &mut Ui, prompt: &str) -> io::Result<Read> {
        match self {
            Input::Terminal { editor, history } => match editor.readline(&format!("{prompt} ")) {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = editor.add_history_entry(line.as_str());
                        if let Some(h) = history {
                            if let Some(dir) = h.parent() {
                                let _ = std::fs::create_dir_all(dir);
                            }
                            let _ = editor.save_history(h);
                        }
                    }
                    Ok(Read::Line(line))
                }
                Err(rustyline::error::ReadlineError::Interrupted) => Ok(Read::Cancelled),
                Err(rustyline::error::ReadlineError::Eof) => Ok(Read::End),
                Err(rustyline::error::ReadlineError::Io(e)) => Err(e),
                Err(e) => Err(io::Error::other(e.to_string())),
            },
            Input::Piped => {
                let line = ui.read_line()?;
                match line {
                    Some(l) => {
                        // A pipe does not echo: show what runs, as a transcript would.
                        ui.line(format!("{prompt} {}", super::render::escape_controls(&l)))?;
                        Ok(Read::Line(l))
                    }
                    None => Ok(Read::End),
                }
            }
        }
    }
}

/// Runs the sandbox until `:quit`, Ctrl-D on an empty line or the end of input. `history`:
/// the file the typed lines are kept in (terminal only).
pub fn run(
    ui: &mut Ui,
    engine: Engine,
    seed: Option<u64>,
    history: Option<PathBuf>,
) -> io::Result<()> {
    let mut sandbox = Sandbox::new(engine, seed);
    let mut input = if ui.interactive {
        Input::terminal(history)
    } else {
        Input::Piped
    };
    let state = sandbox.state();
    let intro = wrap(
        &super::render::inline(&format!(
                "`request` is a GET / from browser {} on the {} engine ({}). Type Python; :send ends the request, :help lists commands, :quit or Ctrl-D leaves, Ctrl-C drops the line you are typing.",
                state.browser,
                state.engine,
                cookie_words(&state.cookie_sent)
            ), &ui.styles, ui.color),
        super::render::text_width(ui.full_width()),
        "",
        "",
    );
    let mut first = vec![ui
        .styles
        .heading
        .apply_to("Sandbox: you are inside a view")
        .to_string()];
    first.extend(intro);
    say(ui, &first)?;
    let mut block: Vec<String> = Vec::new();
    // The lines after the first of a paste (the line editor gives a pasted text in one
    // piece): each is taken as if typed after the one before.
    let mut pasted: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    loop {
        let prompt = if block.is_empty() { ">>>" } else { "..." };
        let read = match pasted.pop_front() {
            Some(l) => Read::Line(l),
            None => input.read(ui, prompt)?,
        };
        let line = match read {
            Read::Line(l) if l.contains('\n') => {
                let mut lines = l
                    .split('\n')
                    .map(|p| p.strip_suffix('\r').unwrap_or(p).to_string());
                let first = lines.next().unwrap_or_default();
                pasted.extend(lines);
                first
            }
            Read::Line(l) => l,
            Read::Cancelled => {
                block.clear();
                pasted.clear();
                say(ui, &["KeyboardInterrupt".to_string()])?;
                continue;
            }
            Read::End => {
                if !block.is_empty() {
                    run_source(ui, &mut sandbox, &block.join("\n"))?;
                }
                break;
            }
        };
        // A command is a command even in the middle of a block; the block waits.
        if let Some(cmd) = parse_command(&line) {
            if cmd == Command::Quit {
                break;
            }
            let lines = run_command(ui, &mut sandbox, cmd);
            say(ui, &lines)?;
            if !block.is_empty() {
                say(
                    ui,
                    &[ui.styles
                        .dim
                        .apply_to("(the unfinished statement above goes on: type its next line, an empty line to run it, or Ctrl-C to drop it)")
                        .to_string()],
                )?;
            }
            continue;
        }
        if block.is_empty() && line.trim().is_empty() {
            continue;
        }
        block.push(line);
        let source = block.join("\n");
        if complete(&source) {
            block.clear();
            run_source(ui, &mut sandbox, &source)?;
        }
    }
    ui.flush()
}

/// Whether what was typed is ready to run, as Python's prompt decides: a statement that
/// parses, a block ended by an empty line, or a syntax error that more lines cannot fix
/// (shown at once). An open bracket or a block header asks for more with `...`.
pub fn complete(source: &str) -> bool {
    let with_newline = format!("{source}\n");
    if is_complete(&with_newline) {
        return true;
    }
    // Open brackets: close them and parse. If that still fails, no further line can help.
    let mut open = Vec::new();
    for (kind, text) in super::highlight::tokenize_source(source) {
        if kind != super::highlight::Kind::Punct {
            continue;
        }
        match text {
            "(" => open.push(')'),
            "[" => open.push(']'),
            "{" => open.push('}'),
            ")" | "]" | "}" if open.pop().map(String::from).as_deref() != Some(text) => {
                return true;
            }
            _ => {}
        }
    }
    if open.is_empty() {
        return false;
    }
    let closed: String = open.iter().rev().collect();
    // Some ending makes it parse (`x = {'a':` + `0}`): more lines can finish it.
    let fixable = ["", "0", " 0"].iter().any(|middle| {
        let trial = format!("{source}{middle}{closed}\n");
        let trial = if trial.trim_end().ends_with(':') {
            format!("{trial}    pass\n")
        } else {
            trial
        };
        crate::python::parse_module(&trial).is_ok()
    });
    !fixable
}

fn run_source(ui: &mut Ui, sandbox: &mut Sandbox, source: &str) -> io::Result<()> {
    let before = sandbox.state().session;
    let out = sandbox.exec(source);
    let mut lines = Vec::new();
    lines.extend(out.console.lines().map(super::render::escape_controls));
    if let Some(echo) = out.echo {
        lines.push(super::render::escape_controls(&echo));
    }
    if let Some(err) = out.error {
        lines.push(
            ui.styles
                .bad
                .apply_to(super::render::escape_controls(&err))
                .to_string(),
        );
    }
    if let Some(session) = out.session {
        let title = if session.data == before.data && session.session_key == before.session_key {
            let mut flags = Vec::new();
            if session.accessed != before.accessed {
                flags.push(format!("accessed became {}", py_bool(session.accessed)));
            }
            if session.modified != before.modified {
                flags.push(format!("modified became {}", py_bool(session.modified)));
            }
            if session.loaded != before.loaded && flags.is_empty() {
                flags.push("the session was loaded from the store".to_string());
            }
            format!(
                "✱ request.session: {} (the data did not change):",
                flags.join(", ")
            )
        } else {
            "✱ request.session changed:".to_string()
        };
        lines.extend(session_lines(ui, &session, &title));
    }
    say(ui, &lines)
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
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
                    &super::render::inline(&format!("{c:<16} {what}"), s, ui.color),
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
    out.extend(super::render::wrap_words(
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
    match &sent.set_cookie {
        Some(c) => out.extend(super::render::set_cookie_lines(
            c,
            ui.width(),
            "  ",
            "      ",
        )),
        None => out.push("  (no Set-Cookie)".into()),
    }
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
    fitted(out, ui.width())
}

/// Lines longer than `width` wrapped, each continued 4 columns past its own indentation (the
/// headers, the store and the jar read like the stepper's, in a pipe too).
fn fitted(lines: Vec<String>, width: usize) -> Vec<String> {
    lines
        .into_iter()
        .flat_map(|l| {
            if console::measure_text_width(&l) <= width {
                return vec![l];
            }
            let indent: String = l.chars().take_while(|c| *c == ' ').collect();
            let more = format!("{indent}    ");
            super::render::wrap_words(l.trim_start(), width, &indent, &more)
        })
        .collect()
}

fn state_lines(ui: &Ui, st: &SandboxState) -> Vec<String> {
    let mut out = vec![ui
        .styles
        .strong
        .apply_to(format!(
            "Engine {} · browser {} · {} sent · {}",
            st.engine,
            st.browser,
            super::words::count(st.sent, "request", "requests"),
            st.time
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
    fitted(out, ui.width())
}

/// Prints lines (to stdout in both modes), wrapped to the width on a terminal; a pipe gets
/// each line whole, as a transcript.
fn say(ui: &mut Ui, lines: &[String]) -> io::Result<()> {
    let width = ui.full_width();
    for l in lines {
        if ui.on_screen() && console::measure_text_width(l) > width {
            for piece in wrap(l, width, "", "    ") {
                ui.line(piece)?;
            }
        } else {
            ui.line(l)?;
        }
    }
    ui.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completeness_follows_pythons_prompt() {
        // CPython's codeop: None (more lines) or a SyntaxError at once.
        assert!(!complete("if x:"));
        assert!(!complete("if x:\n    y = 1"));
        assert!(complete("if x:\n    y = 1\n"));
        assert!(!complete("x = (1,"));
        assert!(!complete("x = {'a':"));
        assert!(complete("x = 1"));
        assert!(complete("x = = 1"));
        // '[' was never closed: `'x' = 1` cannot be inside brackets, whatever follows.
        assert!(complete("request.session['x' = 1"));
        assert!(complete("d['x' = 1)"));
        assert!(!complete("x = [1 +"));
        assert!(!complete("print('a',"));
    }

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

//! The command line, as clap reads it. Doc comments are the help text.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// The examples under `learn --help`: a command and what it does.
const EXAMPLES: &[(&str, &str)] = &[
    ("learn", "list the topics"),
    (
        "learn sessions",
        "start the Django sessions course (a menu)",
    ),
    (
        "learn sessions read syntax",
        "read the lesson from the page 'syntax'",
    ),
    (
        "learn sessions quiz --seed 7",
        "the practice quiz in a reproducible order",
    ),
    (
        "learn sessions quiz --no-shuffle < answers.txt",
        "answer from a file (plain mode)",
    ),
    (
        "learn check --content .",
        "check content files you are editing",
    ),
];

/// The examples under `learn sessions --help`.
const SESSIONS_EXAMPLES: &[(&str, &str)] = &[
    (
        "learn sessions",
        "the menu: read, practise, see your progress",
    ),
    ("learn sessions read 3", "read from page 3"),
    (
        "learn sessions quiz --json",
        "take the quiz and print the attempt as JSON",
    ),
    (
        "learn sessions simulate visit-counter",
        "step through four visits, request by request",
    ),
    (
        "learn sessions simulate my.toml --json",
        "run your own scenario, print the transcript",
    ),
    (
        "learn sessions simulate cart-lost-append --predict",
        "guess each outcome before you see it",
    ),
    ("learn sessions sandbox", "try statements inside a view"),
    ("learn sessions review", "go over what is due now"),
    (
        "learn sessions quiz test --seed 3",
        "the ten-question test, drawn reproducibly",
    ),
    (
        "learn sessions cheatsheet --format markdown > sessions.md",
        "the cheat sheet as a file",
    ),
    (
        "LEARN_NOW=+3d learn sessions review",
        "review as if three days had passed",
    ),
    (
        "learn sessions exercise lost-append",
        "fix a broken view, checked on every save",
    ),
    (
        "learn sessions exercise lost-append --check my_views.py",
        "check a file once (exit status 0: passed)",
    ),
    (
        "learn sessions order visit-counter --seed 3",
        "put a view's lines in order",
    ),
    (
        "learn sessions blanks",
        "the blanks problems, done or pending",
    ),
    ("learn sessions progress", "what you have done so far"),
];

/// Where an example's description starts when it shares its command's line.
const EXAMPLE_COLUMN: usize = 36;

/// Lays the examples out for a help `width` columns wide. When every description fits its
/// column (at 80 columns they do), a command and its description share a line, and a command
/// too long for its column has the description on the next line, in the column. In a narrower
/// help each description goes on its own line under its command, indented, so that a wrapped
/// description continues under itself instead of at the left edge.
fn examples(items: &[(&str, &str)], width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let columns = items
        .iter()
        .all(|(_, what)| EXAMPLE_COLUMN + what.width() <= width);
    let mut out = String::from("Examples:");
    for (command, what) in items {
        out.push_str("\n  ");
        out.push_str(command);
        if !columns {
            out.push_str("\n      ");
        } else if 2 + command.width() < EXAMPLE_COLUMN {
            out.push_str(&" ".repeat(EXAMPLE_COLUMN - 2 - command.width()));
        } else {
            out.push('\n');
            out.push_str(&" ".repeat(EXAMPLE_COLUMN));
        }
        out.push_str(what);
    }
    out
}

/// The width help is laid out for, as clap wraps it: the terminal's, else `COLUMNS`, at most 80.
fn help_width() -> usize {
    let terminal = console::Term::stdout()
        .size_checked()
        .map(|(_, columns)| usize::from(columns));
    let width = terminal.or_else(|| std::env::var("COLUMNS").ok()?.parse().ok());
    width.unwrap_or(80).min(80)
}

/// Reads the command line, exiting with a message (or the help) as clap does. The examples
/// are laid out for the help's width, which is only looked up when help is asked for.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let mut command = Cli::command();
    let asks_for_help = std::env::args_os()
        .skip(1)
        .any(|a| a == "-h" || a == "--help" || a == "help");
    if asks_for_help {
        let width = help_width();
        command = command
            .after_help(examples(EXAMPLES, width))
            .mut_subcommand("sessions", |c| {
                c.after_help(examples(SESSIONS_EXAMPLES, width))
            });
    }
    let matches = command.get_matches_mut();
    // The description of the command line is not needed again: freeing its many small
    // allocations would be the only thing left to do with it.
    std::mem::forget(command);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// A terminal course on Django's session framework: lessons, quizzes and a simulator.
#[derive(Debug, Parser)]
#[command(name = "learn", version, about, max_term_width = 80)]
pub struct Cli {
    /// Read content from DIR (holding lessons/ and quizzes/) instead of the built-in copy.
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "LEARN_CONTENT_DIR",
        help_heading = "Global options"
    )]
    pub content: Option<PathBuf>,

    /// Line-based output: no cursor movement, no colour, no key prompts (for scripts and
    /// screen readers). Also chosen when input or output is not a terminal.
    #[arg(long, help_heading = "Global options")]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The options of the course's commands (`learn sessions …`), given anywhere after the topic.
#[derive(Debug, Args, Clone, Default)]
pub struct CourseOptions {
    /// Line-based output: no cursor movement, no colour, no key prompts (for scripts and
    /// screen readers). Also chosen when input or output is not a terminal.
    #[arg(
        long = "plain",
        id = "course_plain",
        global = true,
        help_heading = "Course options"
    )]
    pub plain: bool,

    /// Keep progress in DIR [default: the user data directory's learn/].
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "LEARN_DATA_DIR",
        help_heading = "Course options"
    )]
    pub data_dir: Option<PathBuf>,

    /// The time review schedules with (for trying a few days ahead): 2026-12-05,
    /// 2026-12-05T09:30:00Z, or +3d / +12h / +90m from now [default: the real time].
    #[arg(
        long,
        global = true,
        value_name = "TIME",
        env = "LEARN_NOW",
        help_heading = "Course options"
    )]
    pub now: Option<String>,
}

/// What every part of the program may need from the command line.
#[derive(Debug, Clone, Default)]
pub struct Global {
    pub plain: bool,
    pub content: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    /// `--now` or `LEARN_NOW`, as given.
    pub now: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Learn about Django's session framework.
    Sessions {
        #[command(flatten)]
        options: CourseOptions,
        #[command(subcommand)]
        action: Option<Action>,
    },
    /// Check content files and report every problem as path:line:col: message.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum Action {
    /// Read the lesson in a pager, from PAGE (a number or a page's slug).
    Read(Lazy<ReadArgs>),
    /// Take a quiz (default: practice).
    Quiz(Lazy<QuizArgs>),
    /// Step through simulated requests, line by line.
    ///
    /// Shows the view's code with the line about to run, the locals, `request.session`, the
    /// cookie and the server's store, and marks what changed at each step. Without NAME,
    /// lists the bundled scenarios to pick from.
    Simulate(Lazy<SimulateArgs>),
    /// Try statements inside a view and watch the session.
    ///
    /// Each statement runs at once against `request`; `:send` ends the request (the
    /// middleware saves and sets the cookie) and starts the next from the same browser.
    /// `:help` lists the other commands. Reads statements from a pipe too.
    Sandbox(Lazy<SandboxArgs>),
    /// Show what you have read and how your quizzes went.
    Progress(Lazy<ProgressArgs>),
    /// Spaced review: the flashcards, questions, explain-it prompts, predictions, exercises,
    /// Parsons and blanks problems that are due now, mixed, each scheduled again by how well
    /// you knew it.
    Review(Lazy<ReviewArgs>),
    /// Browse the flashcards, all of them or one page's.
    Cards(Lazy<CardsArgs>),
    /// Explain it in your own words: the prompts after PAGE (default: after the last page
    /// read), with a model answer and a checklist to mark.
    Explain(Lazy<ExplainArgs>),
    /// The cheat sheet: the API, the settings and their defaults, what the middleware
    /// decides, and the most common mistakes with their fixes.
    Cheatsheet(Lazy<CheatsheetArgs>),
    /// Fix a broken view: the exercise's views go into a file of yours; every save is run in
    /// the simulator and checked. Without NAME, lists the exercises.
    ///
    /// In a terminal: e opens $VISUAL/$EDITOR, s steps through the first failing request,
    /// h shows the next hint. Piped: the same report, with c (check again), h and q as lines.
    Exercise(Lazy<ExerciseArgs>),
    /// Put a view's lines in order (Parsons problems). Without NAME, lists the problems.
    ///
    /// The lines come shuffled; move them, indent them where asked, and check: the simulator
    /// runs your order against the problem's requests, so any order that behaves right counts.
    /// Piped, type the order as numbers: `3 1>1 2>1` (`>1`: indented once).
    Order(Lazy<OrderArgs>),
    /// Fill in the blanks of a worked view (faded examples). Without NAME, lists the problems.
    ///
    /// A check runs your fills in the simulator, so every spelling that behaves right counts.
    /// Piped, type one line per blank.
    Blanks(Lazy<BlanksArgs>),
    /// Forget your progress in this topic (asks first).
    Reset(Lazy<ResetArgs>),
}

// The arguments of `learn sessions read`.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Page number (1 is the first) or slug, such as `syntax`.
    pub page: Option<String>,
}

// The arguments of `learn sessions quiz`.
#[derive(Debug, Args)]
pub struct QuizArgs {
    /// The quiz's name.
    #[arg(default_value = "practice")]
    pub name: String,
    /// Shuffle options reproducibly from this seed.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Keep options in their authored order.
    #[arg(long)]
    pub no_shuffle: bool,
    /// Print the attempt as JSON at the end.
    #[arg(long)]
    pub json: bool,
    /// After each question with code, show what it really does in the simulator
    /// (in a terminal, press r after answering instead).
    #[arg(long)]
    pub explain_run: bool,
}

// The arguments of `learn sessions simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// A bundled scenario's name (`visit-counter`) or a scenario file's path.
    pub scenario: Option<String>,
    /// Print the machine-readable transcript (JSON Lines) instead.
    #[arg(long)]
    pub json: bool,
    /// Make session keys reproducible.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Predict, then see: stop at checkpoints and ask what will happen (the body, the
    /// cookie, the session, the store, an error) before showing it.
    #[arg(long, conflicts_with = "json")]
    pub predict: bool,
}

// The arguments of `learn sessions sandbox`.
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// The session engine to start with: db, cache or signed_cookies.
    #[arg(long, default_value = "db", value_name = "ENGINE")]
    pub engine: String,
    /// Make session keys reproducible.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

// The arguments of `learn sessions progress`.
#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Print the progress, the review schedule and the test scores as JSON.
    #[arg(long)]
    pub json: bool,
}

// The arguments of `learn sessions review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Print the review schedule as JSON instead of reviewing.
    #[arg(long)]
    pub json: bool,
    /// Show the options of review questions in their authored order.
    #[arg(long)]
    pub no_shuffle: bool,
    /// Seed the shuffles (question options, the lines of a Parsons problem) to repeat a
    /// session exactly.
    #[arg(long)]
    pub seed: Option<u64>,
}

// The arguments of `learn sessions cards`.
#[derive(Debug, Args)]
pub struct CardsArgs {
    /// A page number or slug.
    pub page: Option<String>,
}

// The arguments of `learn sessions explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A page number or slug.
    pub page: Option<String>,
}

// The arguments of `learn sessions cheatsheet`.
#[derive(Debug, Args)]
pub struct CheatsheetArgs {
    /// `text` or `markdown`.
    #[arg(long, value_enum, default_value = "text")]
    pub format: SheetFormat,
}

// The arguments of `learn sessions exercise`.
#[derive(Debug, Args)]
pub struct ExerciseArgs {
    /// The exercise's name (`lost-append`) or number in the list.
    pub name: Option<String>,
    /// Check FILE once, print the report and exit 0 when every expectation holds, 1
    /// otherwise.
    #[arg(long, value_name = "FILE")]
    pub check: Option<PathBuf>,
    /// Keep your file in DIR [default: the data directory's exercises/<topic>/].
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Start again from the exercise's views (your text is kept as NAME.py.bak).
    #[arg(long)]
    pub reset: bool,
}

// The arguments of `learn sessions order`.
#[derive(Debug, Args)]
pub struct OrderArgs {
    /// The problem's name (see the list).
    pub name: Option<String>,
    /// Shuffle the lines reproducibly from this seed.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

// The arguments of `learn sessions blanks`.
#[derive(Debug, Args)]
pub struct BlanksArgs {
    /// The problem's name (see the list).
    pub name: Option<String>,
}

// The arguments of `learn sessions reset`.
#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Do not ask.
    #[arg(long, short)]
    pub yes: bool,
}

/// A command's arguments that clap describes only when that command is the one given.
///
/// Describing every command's arguments was most of what reading the command line cost (and
/// 44 KB of stack, in one function): `learn sessions read` needs only `read`'s. Help, errors
/// and suggestions are unchanged, since clap builds the command it reports on.
#[derive(Debug)]
pub struct Lazy<T>(pub T);

impl<T: clap::FromArgMatches> clap::FromArgMatches for Lazy<T> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Lazy)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

impl<T: Args> Args for Lazy<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args)
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args_for_update)
    }
}

/// The cheat sheet's printed forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetFormat {
    Text,
    Markdown,
}

impl Cli {
    /// The options that apply to the whole run, wherever they were given.
    pub fn global(&self) -> Global {
        let course = match &self.command {
            Some(Command::Sessions { options, .. }) => options.clone(),
            _ => CourseOptions::default(),
        };
        Global {
            plain: self.plain || course.plain,
            content: self.content.clone(),
            data_dir: course.data_dir,
            now: course.now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    fn help_of(args: &[&str]) -> String {
        match Cli::try_parse_from(args) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("no help for {args:?}"),
        }
    }

    #[test]
    fn help_puts_global_options_apart_and_shows_only_what_applies() {
        let check = help_of(&["learn", "check", "--help"]);
        assert!(
            !check.contains("--data-dir") && !check.contains("--plain"),
            "{check}"
        );
        assert!(
            check.contains("Global options:") && check.contains("--content"),
            "{check}"
        );
        let quiz = help_of(&["learn", "sessions", "quiz", "--help"]);
        let options = quiz.find("Options:").unwrap();
        let global = quiz.find("Global options:").unwrap();
        // The quiz's own options come first, then the others under their own headings.
        assert!(quiz[options..global].contains("--seed"), "{quiz}");
        assert!(!quiz[options..global].contains("--content"), "{quiz}");
        assert!(
            quiz.contains("--data-dir") && quiz.contains("--plain"),
            "{quiz}"
        );
    }

    #[test]
    fn plain_and_the_data_dir_work_before_or_after_the_command() {
        let cli = Cli::try_parse_from(["learn", "sessions", "read", "--plain"]).unwrap();
        assert!(cli.global().plain);
        let cli = Cli::try_parse_from(["learn", "sessions", "--plain", "read"]).unwrap();
        assert!(cli.global().plain);
        let cli = Cli::try_parse_from(["learn", "--plain", "sessions", "read"]).unwrap();
        assert!(cli.global().plain);
        let cli =
            Cli::try_parse_from(["learn", "sessions", "progress", "--data-dir", "/tmp/x"]).unwrap();
        assert_eq!(
            cli.global().data_dir.as_deref(),
            Some(std::path::Path::new("/tmp/x"))
        );
    }
}

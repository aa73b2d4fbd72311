use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = parse_args();
    match learn::app::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`learn … | head`) is not an error worth a message.
            if err
                .chain()
                .filter_map(|e| e.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            learn::ui::eprint_line(&format!("learn: {err:#}"));
            ExitCode::from(1)
        }
    }
}

/// `Cli::parse()`, without freeing the description of the command line at the start: it is
/// left for the end of the process, as freeing it was a twentieth of the start-up
/// of `learn sessions read --plain`.
fn parse_args() -> learn::cli::Cli {
    let mut command = learn::cli::Cli::command();
    let mut matches = command.get_matches_mut();
    let cli = learn::cli::Cli::from_arg_matches_mut(&mut matches)
        .unwrap_or_else(|e| e.format(&mut command).exit());
    std::mem::forget(command);
    cli
}

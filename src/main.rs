use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = learn::cli::parse();
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

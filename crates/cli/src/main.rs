//! `vietdex`: index and search Vietnamese news archives.
//!
//! A shell over the library crates: it parses arguments, calls them, prints,
//! and maps the outcome to an exit code (0 results, 1 no results, 2 error).

mod args;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(found) => ExitCode::from(if found { 0 } else { 1 }),
        // The reader of our output went away (`vietdex search … | head`):
        // nothing is wrong, and there is no one left to tell.
        Err(err)
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("vietdex: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

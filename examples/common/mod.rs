//! What the measuring examples share (a folder without `main.rs`, so
//! cargo builds it into each example that names it, not as an example).

/// Each file named on the command line with its text; a file that cannot
/// be read is reported on stderr and skipped.
pub fn texts() -> impl Iterator<Item = (String, String)> {
    std::env::args().skip(1).filter_map(|path| match std::fs::read_to_string(&path) {
        Ok(text) => Some((path, text)),
        Err(e) => {
            eprintln!("{path}: {e}");
            None
        }
    })
}

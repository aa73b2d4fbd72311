// Content is embedded in the binary; rebuild when any of it changes.
//
// The lesson pages are also parsed here, once, with the same model the program uses
// (src/content/model.rs), and kept as JSON beside the TOML: reading JSON at start-up costs a
// fraction of parsing TOML with spans. A page that does not parse here is left out, so the
// program parses its TOML and reports the problem exactly as for a directory of content.

#[allow(dead_code)]
#[path = "src/content/model.rs"]
mod model;

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=lessons");
    println!("cargo::rerun-if-changed=quizzes");
    println!("cargo::rerun-if-changed=src/content/model.rs");
    let mut out = String::from("/// `(path, TOML length, JSON)` of every lesson page that parses.\npub static PAGES: &[(&str, usize, &str)] = &[\n");
    let mut topics: Vec<_> = std::fs::read_dir("lessons")
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    topics.sort();
    for topic in topics.iter().filter(|p| p.is_dir()) {
        let mut files: Vec<_> = std::fs::read_dir(topic)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for file in files.iter().filter(|f| is_page(f)) {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            let Ok(page) = toml::from_str::<model::PageFile>(&text) else {
                continue;
            };
            let Ok(json) = serde_json::to_string(&page) else {
                continue;
            };
            let path = file.to_string_lossy().replace('\\', "/");
            let _ = writeln!(out, "    ({path:?}, {}, {json:?}),", text.len());
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("pages.rs");
    std::fs::write(dest, out).unwrap();
}

/// `NN-slug.toml` directly in a topic's folder.
fn is_page(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let b = name.as_bytes();
    path.is_file()
        && name.ends_with(".toml")
        && b.len() > 8
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && b[2] == b'-'
}

// Content is embedded in the binary; rebuild when any of it changes.
//
// Every `.toml` file under lessons/ and quizzes/ is kept in one blob, each file compressed on
// its own (raw deflate), so the program unpacks only the files a command reads.
//
// The lesson pages are also parsed here, once, with the same model the program uses
// (src/content/model.rs), and kept as static data the program copies into that model: no
// parsing at start-up. Such a page's own text is not kept: where its text is asked for (to
// locate a problem, or by `learn check`, which reads every file) the program writes the page
// back as TOML. A page that does not parse here has no static copy, so its text is kept, the
// program parses it and reports the problem exactly as for a directory of content.

#[allow(dead_code)]
#[path = "src/content/model.rs"]
mod model;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=lessons");
    println!("cargo::rerun-if-changed=quizzes");
    println!("cargo::rerun-if-changed=src/content/model.rs");
    link_relative_relocations_packed();
    link_without_unwind_tables();
    pack_library_names();
    let mut files = Vec::new();
    for root in ["lessons", "quizzes"] {
        walk(Path::new(root), &mut files);
    }
    files.sort();
    let mut blob = Vec::new();
    let mut table = String::from("pub static FILES: &[File] = &[\n");
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        let path = file.to_string_lossy().replace('\\', "/");
        let parsed = std::str::from_utf8(&bytes)
            .ok()
            .filter(|_| is_page(file))
            .and_then(|text| toml::from_str::<model::PageFile>(text).ok())
            // Kept only when its TOML, written back, reads as the same page.
            .filter(|page| {
                toml::to_string(page)
                    .ok()
                    .and_then(|t| toml::from_str::<model::PageFile>(&t).ok())
                    .as_ref()
                    == Some(page)
            });
        let page = parsed.as_ref().map_or_else(
            || "None".to_string(),
            |page| format!("Some(&{})", page_expr(page)),
        );
        // A page kept as static data does not keep its text too (see `File::text`).
        let packed = miniz_oxide::deflate::compress_to_vec(&bytes, 10);
        let compress = parsed.is_none() && packed.len() < bytes.len();
        let stored: &[u8] = match (&parsed, compress) {
            (Some(_), _) => &[],
            (None, true) => &packed,
            (None, false) => &bytes,
        };
        let _ = writeln!(
            table,
            "    File {{ path: {path:?}, at: {}, stored: {}, len: {}, packed: {compress}, page: {page} }},",
            blob.len(),
            stored.len(),
            bytes.len(),
        );
        blob.extend_from_slice(stored);
    }
    table.push_str("];\n");
    table.push_str(
        "pub static BLOB: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/content.bin\"));\n",
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("content.bin"), blob).unwrap();
    std::fs::write(out.join("content.rs"), table).unwrap();
}

/// A page as a Rust expression of the program's `StaticPage` (src/content/source.rs).
/// Strings are written with `{:?}`, which gives a Rust string literal.
fn page_expr(page: &model::PageFile) -> String {
    use model::Block;
    let list = |items: &[String]| format!("&{items:?}");
    let opt = |o: &Option<String>| match o {
        Some(s) => format!("Some({s:?})"),
        None => "None".to_string(),
    };
    let blocks: Vec<String> = page
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text } => format!("B::Paragraph({text:?})"),
            Block::Code {
                language,
                source,
                caption,
                output,
            } => format!(
                "B::Code {{ language: {language:?}, source: {source:?}, caption: {}, output: {} }}",
                opt(caption),
                opt(output)
            ),
            Block::List { items } => format!("B::List({})", list(items)),
            Block::Note { kind, text } => format!("B::Note(NoteKind::{kind:?}, {text:?})"),
            Block::Summary { items } => format!("B::Summary({})", list(items)),
        })
        .collect();
    format!(
        "StaticPage {{ title: {:?}, blocks: &[{}] }}",
        page.title,
        blocks.join(", ")
    )
}

/// Every `.toml` file under `dir`, at any depth.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().and_then(|e| e.to_str()) == Some("toml") {
            out.push(path);
        }
    }
}

/// `lessons/<topic>/NN-slug.toml`.
fn is_page(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let b = name.as_bytes();
    path.components().count() == 3
        && path.starts_with("lessons")
        && b.len() > 8
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && b[2] == b'-'
}

/// On GNU/Linux the program is a position-independent executable, and about 8,000 of its
/// dynamic relocations only add the load address to a pointer (vtables, string tables).
/// Packed as DT_RELR they take a few kilobytes instead of 190 KB (24 bytes each), and the
/// loader applies them faster. GNU ld 2.38 and later pack them when the C library can read
/// them (glibc 2.36 and later) and leave them as they are otherwise; an older ld ignores the
/// option with a warning.
/// The public names of real Django's modules (src/django/library_names.txt), compressed:
/// they are read only when a view imports a name the simulator lacks.
fn pack_library_names() {
    let path = "src/django/library_names.txt";
    println!("cargo::rerun-if-changed={path}");
    let text = std::fs::read(path).unwrap();
    let packed = miniz_oxide::deflate::compress_to_vec(&text, 10);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("library_names.bin"), packed).unwrap();
}

/// The release profile aborts on panic, so nothing unwinds the stack: its unwind tables
/// (`.eh_frame` and its index, 560 KB, a ninth of the binary) are left out of the release
/// binary. A panic still runs the hook that puts the terminal back and prints the message;
/// only the addresses a backtrace would list (of a stripped binary) are lost. Builds that
/// unwind (dev and test, whose binary the tests drive) keep the tables.
fn link_without_unwind_tables() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let profile = std::env::var("PROFILE").unwrap_or_default();
    if os == "linux" && env == "gnu" && arch == "x86_64" && profile == "release" {
        let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
        let script = out.join("no-unwind-tables.ld");
        std::fs::write(
            &script,
            "SECTIONS { /DISCARD/ : { *(.eh_frame) } }\nINSERT AFTER .text;\n",
        )
        .unwrap();
        println!("cargo::rustc-link-arg-bins=-Wl,--no-eh-frame-hdr");
        println!("cargo::rustc-link-arg-bins=-Wl,-T,{}", script.display());
    }
}

fn link_relative_relocations_packed() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

//! The file system side of the progress file: finding the real file behind a symbolic link,
//! reading it without hanging on a FIFO or a device, the lock that serialises read-modify-write
//! cycles between processes, setting a bad file aside, atomic writes and stale temporary files.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The largest progress file read. Real ones are a few kilobytes; this leaves room for years of
/// attempts while keeping a stray huge file (or a link to `/dev/zero`) from filling memory.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// How long a save waits for another process to let go of the lock before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Temporary files are `.progress-XXXXXX.tmp` in the progress file's directory.
const TMP_PREFIX: &str = ".progress-";
const TMP_SUFFIX: &str = ".tmp";

/// What reading the progress file found.
#[derive(Debug)]
pub enum Found {
    /// No file (the first run, or it was deleted).
    Missing,
    /// The file's text.
    Text(String),
    /// A regular file that cannot be progress (not UTF-8, far too large): it can be set aside.
    Corrupt(String),
    /// Something that must be left alone (a FIFO, a device, a directory, a file that cannot be
    /// opened): the words say what it is.
    Unusable(String),
}

/// Follows symbolic links from `path` to the file that is really read and written, so a
/// linked `progress.toml` is written through to its target and the link stays. A link whose
/// target does not exist yet resolves to that target (the first save creates it).
pub fn resolve(path: &Path) -> Result<PathBuf, String> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&p)
                    .map_err(|e| format!("is a symbolic link that cannot be read ({e})"))?;
                p = if target.is_absolute() {
                    target
                } else {
                    p.parent().unwrap_or(Path::new("")).join(target)
                };
            }
            _ => return Ok(p),
        }
    }
    Err("is a symbolic link that leads round in a loop".into())
}

/// Reads the file at `path` (already resolved): checks its type and size first, and opens it
/// so that even a FIFO swapped in at the last moment cannot block.
pub fn read(path: &Path) -> Found {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if is_missing(&e) => return Found::Missing,
        Err(e) => return Found::Unusable(format!("cannot be read ({e})")),
    };
    if !meta.is_file() {
        return Found::Unusable(format!("is {}, not a regular file", kind_of(&meta)));
    }
    if meta.len() > MAX_BYTES {
        return too_large(meta.len());
    }
    let file = match open_for_reading(path) {
        Ok(f) => f,
        Err(e) if is_missing(&e) => return Found::Missing,
        Err(e) => return Found::Unusable(format!("cannot be read ({e})")),
    };
    let len = match file.metadata() {
        Ok(m) if m.is_file() => m.len(),
        Ok(m) => return Found::Unusable(format!("is {}, not a regular file", kind_of(&m))),
        Err(e) => return Found::Unusable(format!("cannot be read ({e})")),
    };
    // Room for the whole file and one byte more: one read takes it all, and the next finds
    // the end (growing from empty took seven reads for a small file).
    let mut bytes = Vec::with_capacity(len.min(MAX_BYTES) as usize + 1);
    if let Err(e) = file.take(MAX_BYTES + 1).read_to_end(&mut bytes) {
        return Found::Unusable(format!("cannot be read ({e})"));
    }
    if bytes.len() as u64 > MAX_BYTES {
        return too_large(bytes.len() as u64);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Found::Text(text),
        Err(e) => Found::Corrupt(format!(
            "is not UTF-8 text at byte {}",
            e.utf8_error().valid_up_to() + 1
        )),
    }
}

fn too_large(len: u64) -> Found {
    Found::Corrupt(format!(
        "is {len} bytes, more than a progress file can be ({MAX_BYTES} bytes)"
    ))
}

fn is_missing(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

#[cfg(unix)]
fn open_for_reading(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_for_reading(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// "a FIFO (named pipe)", "a directory", …: what a file that is not a regular file is.
pub fn kind_of(meta: &fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// The lock file's path for the progress file at `target`: `.<name>.lock` beside it.
pub fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| super::FILE_NAME.to_owned());
    target.with_file_name(format!(".{name}.lock"))
}

/// Runs `f` holding an exclusive advisory lock on the lock file of the progress file at
/// `target` (creating the directory and the lock file if needed), after waiting up to
/// [`LOCK_WAIT`] for another process to release it. Every process that changes the progress
/// file holds this lock for its whole read-modify-write cycle.
pub fn locked<R>(target: &Path, f: impl FnOnce() -> R) -> io::Result<R> {
    let path = lock_path(target);
    fs::create_dir_all(dir_of(&path))?;
    let mut lock = fd_lock::RwLock::new(open_lock_file(&path)?);
    let started = Instant::now();
    let mut pause = Duration::from_millis(2);
    loop {
        match lock.try_write() {
            Ok(_guard) => return Ok(f()),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                if started.elapsed() >= LOCK_WAIT {
                    return Err(io::Error::new(
                        io::ErrorKind::WouldBlock,
                        format!(
                            "another learn process has held {} for more than {} s",
                            path.display(),
                            LOCK_WAIT.as_secs()
                        ),
                    ));
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            Err(e) => return Err(e),
        }
    }
}

#[cfg(unix)]
fn open_lock_file(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_lock_file(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// Moves the file at `target` to `<name>.corrupt-<stamp>` (or `-2`, `-3`, … when that name is
/// taken, so an earlier copy is never overwritten) and returns the new path. Call it with the
/// lock held.
pub fn set_aside(target: &Path, stamp: &str) -> io::Result<PathBuf> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| super::FILE_NAME.to_owned());
    for n in 1..10_000u32 {
        let candidate = if n == 1 {
            target.with_file_name(format!("{name}.corrupt-{stamp}"))
        } else {
            target.with_file_name(format!("{name}.corrupt-{stamp}-{n}"))
        };
        match fs::symlink_metadata(&candidate) {
            Ok(_) => continue,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::rename(target, &candidate)?;
                return Ok(candidate);
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many set-aside copies with the same time",
    ))
}

/// Removes temporary files left by a process that was killed in the middle of a save. Call it
/// with the lock held: then no other `learn` is writing one.
pub fn clean_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX)) {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes `text` to a temporary file beside `target`, flushes it to disk and renames it over
/// `target`, so `target` always holds either the old or the new state, whole. An existing
/// file's permissions are kept.
pub fn write_atomically(target: &Path, text: &str) -> io::Result<()> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .suffix(TMP_SUFFIX)
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    if let Ok(meta) = fs::metadata(target) {
        if meta.is_file() {
            let _ = tmp.as_file().set_permissions(meta.permissions());
        }
    }
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The directory holding `target` (for the temporary files).
pub fn dir_of(target: &Path) -> &Path {
    target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

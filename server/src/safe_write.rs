//! Writing files so that nothing is ever half-written: each file goes to a
//! temporary file in its own folder and is renamed over the old one, so a
//! reader sees the old file or the new one, and a failed or interrupted
//! write leaves the old one as it was.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path`, creating its folder if needed. An error
/// names the path that could not be written, and leaves any file already
/// at `path` untouched.
pub fn write(path: &Path, contents: &[u8]) -> Result<(), String> {
    write_with(path, |file| file.write_all(contents))
}

/// Like [`write`], with the contents written by `fill` (buffered), so that
/// a large file need not be built in memory first.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    write_file(path, |file| {
        let mut buffered = std::io::BufWriter::new(file);
        fill(&mut buffered)?;
        buffered.flush()
    })
}

/// Like [`write_with`], with the temporary file itself, for a writer that
/// goes back to fill in a header.
pub fn write_file(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), String> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent)
        .map_err(|err| format!("cannot create the folder {}: {err}", parent.display()))?;
    let failed = |err: std::io::Error| format!("cannot write {}: {err}", path.display());
    let existing = std::fs::metadata(path).ok();
    // Hidden, so that a temporary file left by a killed process is never
    // taken for an article.
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The old file's mode, else what a plain create gives (umask applies).
        let mode = existing
            .as_ref()
            .map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut file = builder.tempfile_in(parent).map_err(failed)?;
    fill(file.as_file_mut()).map_err(failed)?;
    // A file that replaces one reaches the disk before the rename, so a
    // crash cannot leave it empty; new files (an export's thousands) skip
    // the cost.
    if existing.is_some() {
        file.as_file().sync_all().map_err(failed)?;
    }
    file.persist(path).map_err(|err| failed(err.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::write;

    /// A fresh folder, removed with the `TempDir`.
    fn temp_dir(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let tmp = tempfile::Builder::new()
            .prefix(&format!("corpus-lsp-safe-write-{name}-"))
            .tempdir()
            .unwrap();
        let dir = tmp.path().to_path_buf();
        (tmp, dir)
    }

    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_whole_files_and_leaves_nothing_behind() {
        let (_tmp, dir) = temp_dir("replace");
        let path = dir.join("sub/a.ann");
        write(&path, b"T1\tPerson 0 3\tAna\n").unwrap();
        write(&path, b"T1\tPerson 0 4\tAnna\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"T1\tPerson 0 4\tAnna\n");
        assert_eq!(names(&dir.join("sub")), ["a.ann"]);
    }

    #[test]
    fn a_failed_rename_keeps_what_was_there() {
        let (_tmp, dir) = temp_dir("fail");
        // A folder where the file should go: the rename fails even for root.
        std::fs::create_dir_all(dir.join("corpus.jsonl/kept")).unwrap();
        let err = write(&dir.join("corpus.jsonl"), b"{}\n").unwrap_err();
        assert!(err.contains("corpus.jsonl"), "{err}");
        assert!(dir.join("corpus.jsonl/kept").is_dir());
        assert_eq!(names(&dir), ["corpus.jsonl"], "no temporary file is left");
        // A file where a folder should be.
        std::fs::write(dir.join("plain"), "x").unwrap();
        let err = write(&dir.join("plain/a.txt"), b"y").unwrap_err();
        assert!(err.contains("plain"), "{err}");
        assert_eq!(std::fs::read_to_string(dir.join("plain")).unwrap(), "x");
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let (_tmp, dir) = temp_dir("mode");
        let path = dir.join("corpus.toml");
        std::fs::write(&path, "").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, b"[annotations]\n").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}

//! Writing the site safely: everything goes into a temporary folder beside the output,
//! which replaces the output only once it is complete. A failed build leaves the previous
//! site exactly as it was.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A file Hearth writes into every output folder, so it never replaces a folder it did not make.
pub const MARKER: &str = ".hearth-output";

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Is `out` safe to replace: missing, empty, or made by Hearth?
pub fn check_replaceable(out: &Path) -> Result<(), String> {
    match fs::metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!(
            "cannot inspect the output folder {}: {e}",
            out.display()
        )),
        Ok(m) if !m.is_dir() => Err(format!(
            "the output path {} is a file, not a folder",
            out.display()
        )),
        Ok(_) => {
            let empty = fs::read_dir(out)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if empty || out.join(MARKER).exists() {
                Ok(())
            } else {
                Err(format!(
                    "the output folder {} already holds files that Hearth did not write; \
                     choose another --out folder, or empty this one first",
                    out.display()
                ))
            }
        }
    }
}

/// Write `files` (relative path -> bytes) as the new contents of `out`.
pub fn write_site(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<(), String> {
    let mut staging = Staging::new(out)?;
    for (rel, bytes) in files {
        staging.write(rel, bytes)?;
    }
    staging.commit()
}

/// A site being written: files go into a temporary folder beside `out` as they come, which
/// replaces `out` only on [`Staging::commit`]. Dropped without a commit (an error found after
/// some files were written), the temporary folder is removed and `out` is left as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    /// Folders already made under `tmp`.
    made: rustc_hash::FxHashSet<PathBuf>,
    committed: bool,
}

fn fail(what: &str, p: &Path, e: io::Error) -> String {
    format!("{what} {}: {e}", p.display())
}

impl Staging {
    /// Check that `out` may be replaced and make an empty temporary folder beside it.
    pub fn new(out: &Path) -> Result<Staging, String> {
        check_replaceable(out)?;
        let tmp = sibling(out, "tmp");
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(|e| fail("cannot clear", &tmp, e))?;
        }
        fs::create_dir_all(&tmp).map_err(|e| fail("cannot create", &tmp, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            made: Default::default(),
            committed: false,
        })
    }

    /// Write one file (a relative path inside the site); a later write of the same path
    /// replaces it.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        if rel.split('/').any(|seg| seg == ".." || seg.is_empty()) {
            return Err(format!(
                "refusing to write outside the output folder: {rel}"
            ));
        }
        let path = self.tmp.join(rel);
        if let Some(dir) = path.parent()
            && !self.made.contains(dir)
        {
            fs::create_dir_all(dir).map_err(|e| fail("cannot create", dir, e))?;
            self.made.insert(dir.to_path_buf());
        }
        fs::write(&path, bytes).map_err(|e| fail("cannot write", &path, e))
    }

    /// Put the written site in place of `out`.
    pub fn commit(mut self) -> Result<(), String> {
        fs::write(
            self.tmp.join(MARKER),
            b"This folder is written by Hearth and replaced on every build.\n",
        )
        .map_err(|e| fail("cannot write", &self.tmp, e))?;
        // Swap: out -> old, tmp -> out, then remove old.
        let (out, tmp) = (self.out.clone(), self.tmp.clone());
        let old = sibling(&out, "old");
        let had_old = out.exists();
        if had_old {
            if old.exists() {
                let _ = fs::remove_dir_all(&old);
            }
            fs::rename(&out, &old).map_err(|e| fail("cannot move aside", &out, e))?;
        }
        if let Err(e) = fs::rename(&tmp, &out) {
            if had_old {
                let _ = fs::rename(&old, &out);
            }
            return Err(fail("cannot move into place", &out, e));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

impl crate::render::Sink for Staging {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<(), String> {
        self.write(&path, &bytes)
    }
}

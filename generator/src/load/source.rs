//! Reading files from the content folder, and the files read: their text and the position
//! index that places every problem at a file, line and column.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use hearth_model::{Issue, Place};

use super::yamlpos::{Pos, PosIndex};
use crate::diag::{Diagnostic, Location, line_col};

/// Files larger than this are refused (content files are small; this bounds memory).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why [`read_bounded`] refused a file.
#[derive(Debug)]
pub enum ReadError {
    /// A folder where a file belongs.
    Folder,
    /// A pipe, socket or device: reading one could wait for ever.
    NotRegular,
    /// Over the limit (the size seen, or the limit plus one if it grew while being read).
    TooLarge(u64),
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Folder => f.write_str("this is a folder, but a file was expected"),
            ReadError::NotRegular => {
                f.write_str("this is not a regular file (a pipe, socket or device)")
            }
            ReadError::TooLarge(n) => write!(f, "this file is too large ({n} bytes)"),
            ReadError::Io(e) => e.fmt(f),
        }
    }
}

/// Read a file that must be a regular file of at most `max` bytes. A pipe, socket or device
/// is refused rather than read, and so is a file that grows past `max` while it is read.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let meta = fs::metadata(path).map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(max + 1));
    }
    Ok(bytes)
}

/// [`read_bounded`] at [`MAX_FILE_BYTES`], as UTF-8 text (`None` for any problem): for the
/// quiet reads that only order or compare editions, whose errors the full load reports.
pub fn read_text_quietly(path: &Path) -> Option<String> {
    String::from_utf8(read_bounded(path, MAX_FILE_BYTES).ok()?).ok()
}

/// One file read from the content folder.
#[derive(Debug)]
pub struct SourceFile {
    /// Path shown to the user (the content folder as given, joined with the relative path).
    pub display: String,
    pub text: String,
    pub index: PosIndex,
    /// The lists in this file read from CSV files (`series: { csv: ... }`).
    pub csv: Vec<super::csvimport::CsvSource>,
}

/// The files read from one content folder, by path relative to it: what locates a problem.
#[derive(Debug, Default)]
pub struct Sources {
    root: PathBuf,
    files: BTreeMap<String, SourceFile>,
}

impl Sources {
    pub fn new(root: &Path) -> Sources {
        Sources {
            root: root.to_path_buf(),
            files: BTreeMap::new(),
        }
    }

    /// The content folder as given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn get(&self, rel: &str) -> Option<&SourceFile> {
        self.files.get(rel)
    }

    /// Every file read, in path order.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.values()
    }

    pub(super) fn get_mut(&mut self, rel: &str) -> Option<&mut SourceFile> {
        self.files.get_mut(rel)
    }

    pub(super) fn insert(&mut self, rel: &str, file: SourceFile) {
        self.files.insert(rel.to_string(), file);
    }

    /// Keep `file` unless one was read at `rel` already.
    pub(super) fn insert_if_absent(&mut self, rel: &str, file: SourceFile) {
        self.files.entry(rel.to_string()).or_insert(file);
    }

    /// The display path of a content-relative file.
    pub fn display(&self, rel: &str) -> String {
        self.files
            .get(rel)
            .map(|f| f.display.clone())
            .unwrap_or_else(|| display_path(&self.root, rel))
    }

    /// Resolve a model place to a line and column.
    pub fn locate(&self, place: &Place) -> Location {
        let file = self.files.get(&place.file);
        if let Some(at) = file.and_then(|f| super::csvimport::locate(&f.csv, &place.path)) {
            return at;
        }
        Location {
            file: self.display(&place.file),
            pos: file.and_then(|f| f.index.locate(&place.path)),
            field: place.path.clone(),
        }
    }

    /// Turn a model issue into a located diagnostic.
    pub fn diagnose(&self, issue: &Issue) -> Diagnostic {
        let related = issue.related.as_ref().map(|p| self.locate(p));
        let d = Diagnostic::from_issue(issue, self.locate(&issue.place), related);
        match self.files.get(&issue.place.file) {
            // Not when the place is a row of a CSV file.
            Some(f) if d.location.file == f.display => d.with_source(&f.text),
            _ => d,
        }
    }
}

impl Sources {
    /// Like [`Sources::diagnose`], pointing inside the field's text at byte `offset` when the
    /// text can be found in the file (one-line scalars and literal `|` blocks).
    pub fn diagnose_in(&self, issue: &Issue, text: &str, offset: usize) -> Diagnostic {
        let mut d = self.diagnose(issue);
        if let (Some(pos), Some(file)) = (d.location.pos, self.files.get(&issue.place.file))
            && d.location.file == file.display
            && let Some(exact) = position_in_scalar(&file.text, pos, text, offset)
        {
            d.location.pos = Some(exact);
            d = d.with_source(&file.text);
        }
        d
    }
}

/// The position in a YAML file of byte `offset` of a scalar's text, when the scalar starts at
/// `pos` and the mapping is certain: a literal block (`|`) or a single-line plain or quoted
/// value. Otherwise `None`, and the diagnostic keeps the field's position.
fn position_in_scalar(file: &str, pos: Pos, text: &str, offset: usize) -> Option<Pos> {
    let lines: Vec<&str> = file.lines().collect();
    let first = *lines.get(pos.line.checked_sub(1)?)?;
    let start: String = first.chars().skip(pos.column.saturating_sub(1)).collect();
    let (line, column) = line_col(text, offset);
    // A literal block (`|`): the scalar's position is its indicator or its first text line.
    let header = |l: &str| {
        let indicator = l.trim_end().rsplit([' ', ':']).next().unwrap_or("");
        indicator.starts_with('|') && indicator.len() <= 3
    };
    let first_text_line = if start.starts_with('|') {
        Some(pos.line + 1)
    } else if pos.line >= 2 && lines.get(pos.line - 2).is_some_and(|l| header(l)) {
        Some(pos.line)
    } else {
        None
    };
    if let Some(first_text_line) = first_text_line {
        // Text line k is file line first_text_line + k - 1, after the block's indentation.
        let source = *lines.get(first_text_line + line - 2)?;
        let indent = source.len() - source.trim_start_matches(' ').len();
        let wanted = text.lines().nth(line - 1)?;
        (source.get(indent..)? == wanted).then_some(Pos {
            line: first_text_line + line - 1,
            column: indent + column,
        })
    } else if !text.contains('\n') {
        let quoted = start.starts_with(['"', '\'']);
        let body = if quoted {
            start.get(1..)?
        } else {
            start.as_str()
        };
        body.starts_with(text).then_some(Pos {
            line: pos.line,
            column: pos.column + usize::from(quoted) + column - 1,
        })
    } else {
        None
    }
}

pub(super) fn display_path(root: &Path, rel: &str) -> String {
    root.join(rel).display().to_string()
}

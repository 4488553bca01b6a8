//! YAML: the one module that uses `serde_yaml`. Text is parsed into a `Value`, checked for
//! shapes that cannot be content, then deserialised into the model through
//! `serde_path_to_error`, which names the field path of a type error. After an error inside
//! a list item, that item is set aside and deserialisation is tried again, so one run
//! reports the errors of every item in a file. Problems are described in plain words at the
//! line and column the position index ([`super::yamlpos`]) gives for the path.

use std::collections::BTreeMap;

use hearth_model::validate::closest;
use serde::de::DeserializeOwned;
pub(crate) use serde_yaml::{Mapping, Value};

use super::source::SourceFile;
use super::yamlpos::Pos;
use crate::diag::{Diagnostic, Location, line_col};

/// Parse `text` into `T` with nothing located: for the quiet reads that only order or
/// compare editions, whose errors the full load reports.
pub(crate) fn quietly<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_yaml::from_str(text).ok()
}

/// A path segment of a serde path.
#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn segments(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                out.push(Seg::Key(rest[..i].to_string()));
            }
            rest = &rest[i..];
            while let Some(r) = rest.strip_prefix('[') {
                let Some(end) = r.find(']') else { break };
                if let Ok(n) = r[..end].parse() {
                    out.push(Seg::Index(n));
                }
                rest = &r[end + 1..];
            }
        } else if !rest.is_empty() {
            out.push(Seg::Key(rest.to_string()));
        }
    }
    out
}

fn render_path(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Parse YAML text into `T`, reporting as many errors as can be found: after an error
/// inside a list item, that item is set aside and parsing goes on with the rest.
pub(super) fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    line_offset: usize,
    text: &str,
) -> Result<T, Vec<Diagnostic>> {
    deserialize(file, parse_value(file, line_offset, text)?)
}

/// Parse YAML text into a value, refusing what cannot be content (pathological nesting and
/// aliases, syntax errors, an empty file, a tagged document).
pub(super) fn parse_value(
    file: &SourceFile,
    line_offset: usize,
    text: &str,
) -> Result<Value, Vec<Diagnostic>> {
    let located = |d: Diagnostic| d.with_source(&file.text);
    // Refuse pathological shapes before serde_yaml sees them: its scanner is quadratic in
    // nesting depth, and its alias limit does not bound how much each alias copies.
    if let Some(excess) = file.index.excess() {
        return Err(vec![located(excess_error(file, excess))]);
    }
    let value: Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => return Err(vec![located(syntax_error(file, line_offset, text, &e))]),
    };
    if value.is_null() {
        if line_offset > 0 {
            // Front matter of a page: the file has text, but nothing between the `---` lines.
            return Err(vec![located(
                Diagnostic::error(
                    Location {
                        file: file.display.clone(),
                        pos: Some(Pos { line: 1, column: 1 }),
                        field: String::new(),
                    },
                    "the front matter is empty",
                )
                .with_expected("`title: ...` between the two `---` lines"),
            )]);
        }
        return Err(vec![
            Diagnostic::file(&file.display, "this file is empty")
                .with_expected("fields such as `title: ...`")
                .with_hint("see docs/content-format.md for what this file holds"),
        ]);
    }
    if let Value::Tagged(_) = value {
        return Err(vec![Diagnostic::file(
            &file.display,
            "YAML tags (`!tag`) are not used in content files",
        )]);
    }
    Ok(value)
}

/// Deserialise a value into `T`, reporting as many errors as can be found (see
/// [`parse_yaml`]). An error in a list read from a CSV file is reported at its row.
pub(super) fn deserialize<T: DeserializeOwned>(
    file: &SourceFile,
    mut value: Value,
) -> Result<T, Vec<Diagnostic>> {
    // Most files have no error: read them in place, without the copy of the value and the
    // field paths that finding errors needs (about 1.5% of a region's build). A file with an
    // error is read again below, from the start, exactly as before.
    if let Ok(v) = T::deserialize(&value) {
        return Ok(v);
    }
    let located = |d: Diagnostic| match super::csvimport::locate(&file.csv, &d.location.field) {
        Some(at) => Diagnostic { location: at, ..d },
        None => d.with_source(&file.text),
    };
    let mut errors = Vec::new();
    // Removed list items: original list path -> original indices removed.
    let mut removed: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    // Fields set aside inside the list item being read (current paths), so a second error
    // in the same item is found before the item is set aside.
    let mut dropped: Vec<Vec<Seg>> = Vec::new();
    for _ in 0..200 {
        match serde_path_to_error::deserialize::<_, T>(value.clone()) {
            Ok(v) => {
                return if errors.is_empty() {
                    Ok(v)
                } else {
                    Err(errors)
                };
            }
            Err(e) => {
                let current = segments(&e.path().to_string());
                let raw = e.inner().to_string();
                let last_index = current.iter().rposition(|s| matches!(s, Seg::Index(_)));
                // An error that only follows from a field set aside (`missing field` for it,
                // or a check naming it) is not reported.
                let follows = dropped.iter().any(|d| {
                    let (field, parent) =
                        d.split_last().map_or((None, &d[..]), |(f, p)| (Some(f), p));
                    let named = match field {
                        Some(Seg::Key(k)) => {
                            raw.contains(&format!("`{k}`")) || raw.contains(&format!("`{k}:"))
                        }
                        _ => false,
                    };
                    named && current.starts_with(parent)
                });
                if !follows {
                    let original = map_back(&current, &removed);
                    errors.push(located(type_error(file, &render_path(&original), &raw)));
                }
                // Inside a list item, set aside the field in error (not a missing one) and
                // read the item again, so its other errors are reported too.
                if !follows
                    && !raw.starts_with("missing field")
                    && let Some(li) = last_index
                    && current.len() > li + 1
                    && matches!(current.last(), Some(Seg::Key(_)))
                    && remove_key(&mut value, &current)
                {
                    dropped.push(current);
                    continue;
                }
                // Set aside the innermost list item containing the error, and go on.
                let Some(last_index) = last_index else {
                    return Err(errors);
                };
                if !remove_at(&mut value, &current[..=last_index]) {
                    return Err(errors);
                }
                let original = map_back(&current, &removed);
                if let Seg::Index(orig) = original[last_index] {
                    removed
                        .entry(render_path(&original[..last_index]))
                        .or_default()
                        .push(orig);
                }
                dropped.clear();
            }
        }
    }
    Err(errors)
}

/// Remove the field at `path` (whose last segment is a key) from its mapping.
fn remove_key(value: &mut Value, path: &[Seg]) -> bool {
    let Some((Seg::Key(key), init)) = path.split_last() else {
        return false;
    };
    let mut v = value;
    for seg in init {
        v = match (seg, v) {
            (Seg::Key(k), Value::Mapping(m)) => match m.get_mut(k.as_str()) {
                Some(x) => x,
                None => return false,
            },
            (Seg::Index(i), Value::Sequence(s)) => match s.get_mut(*i) {
                Some(x) => x,
                None => return false,
            },
            _ => return false,
        };
    }
    match v {
        Value::Mapping(m) => m.remove(key.as_str()).is_some(),
        _ => false,
    }
}

/// Map a path in the value (after removals) back to the path in the file.
fn map_back(current: &[Seg], removed: &BTreeMap<String, Vec<usize>>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(current.len());
    for seg in current {
        match seg {
            Seg::Index(i) => {
                let key = render_path(&out);
                let mut k = *i;
                if let Some(gone) = removed.get(&key) {
                    let mut gone = gone.clone();
                    gone.sort_unstable();
                    for g in gone {
                        if g <= k {
                            k += 1;
                        }
                    }
                }
                out.push(Seg::Index(k));
            }
            other => out.push(other.clone()),
        }
    }
    out
}

fn remove_at(value: &mut Value, path: &[Seg]) -> bool {
    let Some((last, init)) = path.split_last() else {
        return false;
    };
    let mut v = value;
    for seg in init {
        v = match (seg, v) {
            (Seg::Key(k), Value::Mapping(m)) => match m.get_mut(k.as_str()) {
                Some(x) => x,
                None => return false,
            },
            (Seg::Index(i), Value::Sequence(s)) => match s.get_mut(*i) {
                Some(x) => x,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, v) {
        (Seg::Index(i), Value::Sequence(s)) if *i < s.len() => {
            s.remove(*i);
            true
        }
        _ => false,
    }
}

fn strip_location_suffix(msg: &str) -> &str {
    match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

/// `... at line 3 column 7` -> (3, 7).
fn line_column_in(msg: &str) -> Option<(usize, usize)> {
    let rest = &msg[msg.find(" at line ")? + 9..];
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

fn excess_error(file: &SourceFile, excess: super::yamlpos::Excess) -> Diagnostic {
    use super::yamlpos::{Excess, MAX_ALIAS_NODES, MAX_DEPTH};
    let (pos, message, hint) = match excess {
        Excess::Depth(p) => (
            p,
            format!("this is not valid content: it nests more than {MAX_DEPTH} levels deep"),
            "content nests only a few levels; look for `[` or `{` that are never closed",
        ),
        Excess::Aliases(p) => (
            p,
            format!(
                "this is not valid content: its aliases (`*name`) repeat more than {MAX_ALIAS_NODES} values"
            ),
            "write the content out in full instead of repeating it through `&anchor` and `*alias`",
        ),
    };
    Diagnostic::error(
        Location {
            file: file.display.clone(),
            pos: Some(pos),
            field: String::new(),
        },
        message,
    )
    .with_expected("ordinary nested content")
    .with_hint(hint)
}

/// Leading spaces of a line.
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The column (0-based) where the fields of a line start: after its indentation and any
/// `- ` list markers, so `  - id: a` gives 4, the column its sibling fields line up with.
fn content_indent(line: &str) -> usize {
    let mut rest = line.trim_start_matches(' ');
    while let Some(r) = rest.strip_prefix("- ") {
        rest = r.trim_start_matches(' ');
    }
    line.len() - rest.len()
}

/// The nearest line above `line` (1-based) that holds more than a comment.
fn line_above(text: &str, line: usize) -> Option<&str> {
    text.lines()
        .take(line.saturating_sub(1))
        .filter(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        })
        .last()
}

fn plural_spaces(n: usize) -> String {
    if n == 1 {
        "1 space".to_string()
    } else {
        format!("{n} spaces")
    }
}

/// Describe a syntax error serde_yaml found in `text` in plain words. `line_offset` is added
/// to every line (for front matter inside Markdown).
fn syntax_error(
    file: &SourceFile,
    line_offset: usize,
    text: &str,
    e: &serde_yaml::Error,
) -> Diagnostic {
    let full = e.to_string();
    // libyaml errors read "PROBLEM at line L column C, while CONTEXT at line L column C".
    let (problem_part, context) = match full.split_once(", while ") {
        Some((p, c)) => (p, Some(c)),
        None => (full.as_str(), None),
    };
    let msg = strip_location_suffix(problem_part).to_string();
    let pos = e.location().map(|l| Pos {
        line: l.line() + line_offset,
        column: l.column(),
    });
    if let Some(d) = duplicate_key_error(file, &msg) {
        return d;
    }
    if let Some(d) = context.and_then(|ctx| unclosed_quote_error(file, line_offset, ctx)) {
        return d;
    }
    if msg.contains("more than one document") {
        return second_document_error(file, line_offset, text, pos);
    }
    if let Some(d) = control_character_error(file, line_offset, text, &msg) {
        return d;
    }
    let d = error_at(file, "", pos, format!("this is not valid YAML: {msg}"));
    let line_no = e.location().map_or(0, |l| l.line());
    with_syntax_help(d, &msg, text, line_no)
}

/// An error at `pos` in `file`, about the field at `field`.
fn error_at(file: &SourceFile, field: &str, pos: Option<Pos>, message: String) -> Diagnostic {
    Diagnostic::error(
        Location {
            file: file.display.clone(),
            pos,
            field: field.to_string(),
        },
        message,
    )
}

/// A key given twice (libyaml's `msg` names it): point at the second, and show the first.
fn duplicate_key_error(file: &SourceFile, msg: &str) -> Option<Diagnostic> {
    let rest = msg.split("duplicate entry with key ").nth(1)?;
    let name = rest.trim().trim_matches('"');
    let d = file
        .index
        .duplicate_keys()
        .iter()
        .find(|d| d.path == name || d.path.ends_with(&format!(".{name}")))?;
    let mut diag = error_at(
        file,
        &d.path,
        Some(d.second),
        format!("the field `{name}` is given twice"),
    )
    .with_expected("each field once in a mapping")
    .with_hint("remove or rename one of the two; the first is shown below");
    diag.related = Some(Location {
        file: file.display.clone(),
        pos: Some(d.first),
        field: d.path.clone(),
    });
    Some(diag)
}

/// An unclosed quote is found at the end of the file; the quote itself, which libyaml's
/// `context` places, is more useful.
fn unclosed_quote_error(
    file: &SourceFile,
    line_offset: usize,
    context: &str,
) -> Option<Diagnostic> {
    if !context.starts_with("scanning a quoted scalar") {
        return None;
    }
    let (line, column) = line_column_in(context)?;
    Some(
        error_at(
            file,
            "",
            Some(Pos {
                line: line + line_offset,
                column,
            }),
            "this is not valid YAML: the quoted text that starts here is never closed".into(),
        )
        .with_expected("a closing quote at the end of the text")
        .with_hint("add the closing quote (\" or ') where the text ends"),
    )
}

/// A second YAML document in one file, at the `---` that starts it (else at `pos`).
fn second_document_error(
    file: &SourceFile,
    line_offset: usize,
    text: &str,
    pos: Option<Pos>,
) -> Diagnostic {
    error_at(
        file,
        "",
        second_document_start(text, line_offset).or(pos),
        "this is not valid content: the file holds more than one YAML document".into(),
    )
    .with_expected("one document per file")
    .with_hint("remove this `---` line, or move what follows it into a file of its own")
}

/// Where the `---` that starts the second document of `text` is, if there is one.
fn second_document_start(text: &str, line_offset: usize) -> Option<Pos> {
    let mut seen_content = false;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_end();
        if t == "---" || t.starts_with("--- ") {
            if seen_content {
                return Some(Pos {
                    line: i + 1 + line_offset,
                    column: 1,
                });
            }
            seen_content = true;
        } else if !t.trim().is_empty() && !t.trim().starts_with('#') {
            seen_content = true;
        }
    }
    None
}

/// A control character libyaml refuses. Its reader names a byte offset in `text`, not a
/// line, so the line and column are worked out here.
fn control_character_error(
    file: &SourceFile,
    line_offset: usize,
    text: &str,
    msg: &str,
) -> Option<Diagnostic> {
    let rest = msg
        .split("control characters are not allowed at position ")
        .nth(1)?;
    let offset = rest.trim().parse::<usize>().ok()?;
    let bad = text.get(offset..).and_then(|t| t.chars().next())?;
    let (line, column) = line_col(text, offset);
    Some(
        error_at(
            file,
            "",
            Some(Pos {
                line: line + line_offset,
                column,
            }),
            format!(
                "this is not valid YAML: it holds a control character (U+{:04X}) that YAML does not allow",
                u32::from(bad)
            ),
        )
        .with_expected("text without control characters")
        .with_hint("delete the character: it often comes from copying text out of another program"),
    )
}

/// Add what was expected and a hint to a syntax error libyaml describes as `msg`, from
/// line `line_no` (1-based) of `text` and the line above it: tabs, limits, and fields or
/// list items out of line.
fn with_syntax_help(d: Diagnostic, msg: &str, text: &str, line_no: usize) -> Diagnostic {
    let line_text = text.lines().nth(line_no.saturating_sub(1)).unwrap_or("");
    let above = line_above(text, line_no);
    let indent_clash = above.map(|a| (indent_of(line_text), content_indent(a)));
    if line_text.contains('\t') || msg.contains("tab") {
        d.with_expected("indentation made of spaces")
            .with_hint("YAML does not allow tabs for indentation: replace them with spaces")
    } else if msg.contains("recursion limit") || msg.contains("repetition limit") {
        d.with_expected("ordinary nested content")
            .with_hint("the file nests or repeats (through aliases) too deeply to be content")
    } else if msg.contains("mapping values are not allowed")
        && let Some((mine, theirs)) = indent_clash
        && mine > theirs
        && !above.is_some_and(|a| a.trim_end().ends_with(':'))
    {
        d.with_expected("fields of one mapping lined up in the same column")
            .with_hint(format!(
                "this line is indented by {} but the line above by {}: line it up with the field it belongs with",
                plural_spaces(mine),
                plural_spaces(theirs)
            ))
    } else if msg.contains("mapping values are not allowed") {
        d.with_expected("one `key: value` per line")
            .with_hint("a value containing `: ` must be quoted, for example \"Note: this\"")
    } else if msg.contains("did not find expected key")
        || msg.contains("did not find expected '-' indicator")
    {
        out_of_line_help(d, indent_clash)
    } else {
        d.with_hint("check indentation, quotes and colons on this line and the one above")
    }
}

/// The help for a field or list item out of line with its siblings; `indent_clash` is the
/// indentation of its line and the column the fields of the line above start at.
fn out_of_line_help(d: Diagnostic, indent_clash: Option<(usize, usize)>) -> Diagnostic {
    let d = d
        .with_expected("fields of one mapping, and items of one list, lined up in the same column");
    match indent_clash {
        Some((mine, theirs)) if mine != theirs => d.with_hint(format!(
            "this line is indented by {} but the line above by {}: line it up with the field or list item it belongs with",
            plural_spaces(mine),
            plural_spaces(theirs)
        )),
        _ => d.with_hint(
            "check the indentation of this line: it must line up with the field or list item it belongs with",
        ),
    }
}

/// What a type error says: its message, what was expected, and a hint.
type Described = (String, Option<String>, Option<String>);

/// Describe a typed-deserialisation error at `path` in plain words.
fn type_error(file: &SourceFile, path: &str, raw: &str) -> Diagnostic {
    let raw = strip_location_suffix(raw);
    // serde_path_to_error writes `?` for a map key it could not name.
    let path = path.trim_end_matches('?').trim_end_matches('.');
    let mut field = path.to_string();
    let mut pos = file.index.locate(path);
    let (message, expected, hint) = if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        // serde_path_to_error's path already ends with the unknown key.
        field = if path == name || path.ends_with(&format!(".{name}")) {
            path.to_string()
        } else {
            child_path(path, name)
        };
        pos = file.index.locate_key(&field).or(pos);
        unknown_field(name, tail)
    } else if let Some(rest) = raw.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        field = child_path(path, name);
        missing_field(name)
    } else if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let (message, expected, hint) = unknown_variant(name, tail);
        (message, expected, no_rating_hint(path, name).or(hint))
    } else if let Some((message, rest)) = raw.split_once("\nexpected: ") {
        // A check in the model (a figure, a target) that says what it expected and a hint.
        let (expected, hint) = rest.split_once("\nhint: ").unwrap_or((rest, ""));
        (
            message.to_string(),
            Some(expected.to_string()),
            Some(hint.to_string()).filter(|h| !h.is_empty()),
        )
    } else if let Some(i) = raw.find(". Accepted forms: ") {
        (
            raw[..i].to_string(),
            Some(raw[i + 18..].to_string()),
            Some(period_hint(path, &raw[..i])),
        )
    } else if let Some(rest) = raw.strip_prefix("invalid type: ")
        && let Some((found, "field identifier")) = rest.split_once(", expected ")
    {
        // A key that is not a word, such as `1: x`.
        let key = found.split('`').nth(1).unwrap_or(found);
        pos = file.index.locate_key(&child_path(path, key)).or(pos);
        key_not_a_word(key)
    } else if let Some(rest) = raw.strip_prefix("invalid type: ") {
        wrong_kind(path, rest)
    } else {
        (raw.to_string(), None, None)
    };
    Diagnostic {
        expected,
        hint,
        ..Diagnostic::error(
            Location {
                file: file.display.clone(),
                pos,
                field,
            },
            message,
        )
    }
}

/// The hint for text that is not a period (`message` is the period error). An action's
/// timescale may be words that are no date at all ("as and when required", "monthly"): those
/// belong in its `timescale_note`. A date written wrongly ("31 Feb 2024") gets the forms only.
fn period_hint(path: &str, message: &str) -> String {
    let mut hint = "write the period in one of these forms".to_string();
    let timescale = path == "timescale" || path.ends_with(".timescale");
    // The parser's reasons for text that names no time it knows (`parse::not_a_period`).
    let no_time = message.contains("(too many words for one period)")
        || message.contains(" is not a year, financial year, quarter, season, month or date)");
    if timescale && no_time {
        hint.push_str(
            "; if this is not a date, write it in `timescale_note:` instead, with \
             `timescale: Ongoing` (or the period it belongs to)",
        );
    }
    hint
}

/// The path of the field `name` inside the value at `path` (which may be the root, ``).
fn child_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// The allowed names serde lists after `unknown ... `name``: `tail` reads
/// `, expected one of `a`, `b`` or `, expected `a` or `b``.
fn allowed_names(tail: &str) -> Vec<String> {
    let list = |s: &str| -> Vec<String> {
        s.split(", ")
            .map(|w| {
                w.trim_matches(|c| c == '`' || c == ' ')
                    .replace("` or `", " or ")
            })
            .flat_map(|w| w.split(" or ").map(str::to_string).collect::<Vec<_>>())
            .map(|w| w.trim_matches('`').to_string())
            .filter(|w| !w.is_empty())
            .collect()
    };
    tail.strip_prefix(", expected one of ")
        .or_else(|| tail.strip_prefix(", expected "))
        .map(list)
        .unwrap_or_default()
}

/// A field the type does not have (`name`, with serde's list of the fields it has in `tail`).
fn unknown_field(name: &str, tail: &str) -> Described {
    not_one_of(
        name,
        tail,
        format!("unknown field `{name}`"),
        "remove it, or check the spelling and indentation",
    )
}

/// `name` is not one of the names serde lists in `tail`: suggest the nearest, or else
/// `otherwise`.
fn not_one_of(name: &str, tail: &str, message: String, otherwise: &str) -> Described {
    let allowed = allowed_names(tail);
    let hint = match closest(name, allowed.iter().map(String::as_str))
        .or_else(|| near_word(name, &allowed))
    {
        Some(near) => format!("did you mean `{near}`?"),
        None => otherwise.to_string(),
    };
    (
        message,
        Some(format!("one of: {}", allowed.join(", "))),
        Some(hint),
    )
}

/// The allowed value a word most likely means when it is not a near spelling: the same
/// words with spaces or capitals (`Partly delivered` -> `partly-delivered`), or the one
/// allowed value that starts with it as a word of four letters or more (`partly` ->
/// `partly-delivered`; `not` gets no guess).
fn near_word<'a>(name: &str, allowed: &'a [String]) -> Option<&'a str> {
    let slug = hearth_model::validate::slugify(name);
    if slug.is_empty() {
        return None;
    }
    if let Some(same) = allowed.iter().find(|a| **a == slug) {
        return Some(same);
    }
    // A first word of three letters or fewer (`not`) says too little to guess from.
    if slug.len() < 4 {
        return None;
    }
    let mut starting = allowed
        .iter()
        .filter(|a| a.starts_with(&format!("{slug}-")));
    match (starting.next(), starting.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// A required field that is not given.
fn missing_field(name: &str) -> Described {
    (
        format!("the required field `{name}` is missing"),
        Some(format!("`{name}:` with a value")),
        Some(format!(
            "add `{name}: ...` here (check its indentation too)"
        )),
    )
}

/// A value that is not one of the allowed words (`name`, with serde's list of those in
/// `tail`). A unit gets the unit its spelling most likely means (`per 10,000` is
/// `rate-per-10000`), and a year or a date, which is not a unit, says what to write instead.
fn unknown_variant(name: &str, tail: &str) -> Described {
    if allowed_names(tail).iter().any(|n| n == "rate-per-10000") {
        let message = format!("`{name}` is not an allowed value");
        let expected = Some(format!("one of: {}", allowed_names(tail).join(", ")));
        return match hearth_model::Unit::near_miss(name) {
            Some(Ok(unit)) => (
                message,
                expected,
                Some(format!("did you mean `{}`?", unit.key())),
            ),
            Some(Err(instead)) => (message, expected, Some(instead.to_string())),
            None => (
                message,
                expected,
                Some("use one of the allowed units, in lower case".to_string()),
            ),
        };
    }
    not_one_of(
        name,
        tail,
        format!("`{name}` is not an allowed value"),
        "use one of the allowed values, in lower case",
    )
}

/// The hint for a word meaning "no rating" written as a `rag` (`not-rated`, `none`, `n/a`,
/// `tbc`, ...): leave `rag` out. Never the nearest rating: "not rated" is not "not started".
fn no_rating_hint(path: &str, name: &str) -> Option<String> {
    const NO_RATING: [&str; 11] = [
        "",
        "notrated",
        "unrated",
        "norating",
        "none",
        "na",
        "notapplicable",
        "nil",
        "tbc",
        "tbd",
        "blank",
    ];
    if path != "rag" && !path.ends_with(".rag") {
        return None;
    }
    let word: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if !NO_RATING.contains(&word.as_str()) {
        return None;
    }
    Some(if path.contains("updates[") {
        "leave `rag` out of an update that gives no rating".to_string()
    } else {
        "leave `rag` out when the plan gives the action no rating: it is then shown as \"Not rated\" (never as not started)".to_string()
    })
}

/// A key that is not a word, such as `1: x`.
fn key_not_a_word(key: &str) -> Described {
    (
        format!("`{key}` is not a field name"),
        Some("a field name such as `title`".to_string()),
        Some("field names are words; check this line and its indentation".to_string()),
    )
}

/// A value of the wrong kind at `path`; `rest` reads `FOUND, expected WANT`.
fn wrong_kind(path: &str, rest: &str) -> Described {
    let (found, want) = rest
        .split_once(", expected ")
        .unwrap_or((rest, "another type"));
    // serde_yaml reports a tagged value (`!date 2024`) as an enum.
    let found = if found == "enum" {
        "a YAML tag (`!...`)"
    } else {
        found
    };
    let want_words = kind_in_words(want);
    let flaggable =
        path.ends_with(".value") && (path.contains("series[") || path.starts_with("rows["));
    let hint = if found.starts_with("a YAML tag") {
        "remove the `!tag`: content files do not use YAML tags".to_string()
    } else if flaggable && found.starts_with("string") {
        format!(
            "replace {found} with a number; if there is no figure, remove `value:` and write `flag: x` (c = suppressed, x = not available, z = not applicable)"
        )
    } else if want == "a string" {
        "put the value in quotes, for example \"1.0\"".to_string()
    } else if want_words.starts_with("a list") {
        "write each item on its own line starting with `- `".to_string()
    } else {
        format!("replace {found} with {want_words}")
    };
    (
        format!("wrong kind of value: found {found}"),
        Some(want_words),
        Some(hint),
    )
}

/// The kind of value serde expected (`f64`, `a sequence`, `struct Site`), in plain words.
fn kind_in_words(want: &str) -> String {
    match want {
        "f64" | "f32" | "i64" | "u8" | "u32" | "u64" | "i32" | "usize" => "a number".to_string(),
        "a string" => "text".to_string(),
        "a sequence" => "a list (lines starting with `- `, or `[a, b]`)".to_string(),
        "a boolean" => "true or false".to_string(),
        w if w.starts_with("struct ") => "a mapping of fields (`name: value` lines)".to_string(),
        w => w.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_allowed_value_written_in_words_or_begun_is_guessed() {
        let allowed: Vec<String> = [
            "delivered",
            "partly-delivered",
            "not-delivered",
            "carried-forward",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            near_word("Partly delivered", &allowed),
            Some("partly-delivered")
        );
        assert_eq!(near_word("partly", &allowed), Some("partly-delivered"));
        assert_eq!(near_word("Carried", &allowed), Some("carried-forward"));
        // Too short to guess from, or no single value it begins.
        assert_eq!(near_word("not", &allowed), None);
        assert_eq!(near_word("n/a", &allowed), None);
        let rag: Vec<String> = ["red", "amber", "green", "complete", "not-started"]
            .map(String::from)
            .to_vec();
        assert_eq!(near_word("not", &rag), None);
    }

    #[test]
    fn a_timescale_that_is_no_date_is_pointed_at_timescale_note() {
        let error = |text: &str| {
            hearth_model::Period::parse(text)
                .expect_err("not a period")
                .to_string()
                .split(". Accepted forms: ")
                .next()
                .unwrap_or_default()
                .to_string()
        };
        for text in ["As and when required", "Monthly", "Quarterly review", "TBC"] {
            assert!(
                period_hint("actions[3].timescale", &error(text)).contains("`timescale_note:`"),
                "{text}"
            );
            assert_eq!(
                period_hint("series[0].period", &error(text)),
                "write the period in one of these forms"
            );
        }
        for text in ["Spring-ish 2020", "31 Feb 2024", "By March 2025", "2024/23"] {
            assert_eq!(
                period_hint("actions[3].timescale", &error(text)),
                "write the period in one of these forms",
                "{text}"
            );
        }
    }

    #[test]
    fn paths_round_trip() {
        let s = segments("actions[3].updates[0].rag");
        assert_eq!(render_path(&s), "actions[3].updates[0].rag");
    }

    #[test]
    fn map_back_accounts_for_removed_items() {
        let mut removed = BTreeMap::new();
        removed.insert("actions".to_string(), vec![1, 3]);
        let cur = segments("actions[2].rag");
        assert_eq!(render_path(&map_back(&cur, &removed)), "actions[4].rag");
        let cur = segments("actions[0].rag");
        assert_eq!(render_path(&map_back(&cur, &removed)), "actions[0].rag");
    }
}

//! The CSV reader for data editors keep in spreadsheets (`series: { csv: ... }`): RFC 4180
//! with the tolerance spreadsheets need, and every record keeping the line it starts on, so a
//! problem in a cell is reported at its row and column.

/// One record read from a CSV file: its cells, and the line it starts on (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub cells: Vec<String>,
}

/// Why a CSV file could not be read, at a line and a cell (both 1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// Read CSV text (RFC 4180): cells separated by commas, records by CRLF, LF or CR; a cell in
/// double quotes may hold commas, line breaks and `""` for a quote. A byte order mark is
/// skipped, blank lines are left out, and a quote inside an unquoted cell is kept as text
/// (as spreadsheets do).
pub fn read(text: &str) -> Result<Vec<Record>, ReadError> {
    #[derive(PartialEq)]
    enum State {
        /// At the start of a cell.
        Start,
        Unquoted,
        Quoted,
        /// Just after a quote inside a quoted cell: `"` (an escaped quote) or the cell's end.
        AfterQuote,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut state = State::Start;
    let mut line = 1;
    let mut record_line = 1;
    let mut quote_line = 1;
    let mut chars = text.chars().peekable();
    // Whether the record so far is anything more than an empty line.
    let mut started = false;
    let mut end_record = |cells: &mut Vec<String>, cell: &mut String, started: bool, at: usize| {
        cells.push(std::mem::take(cell));
        let done = std::mem::take(cells);
        if started {
            records.push(Record {
                line: at,
                cells: done,
            });
        }
    };
    while let Some(ch) = chars.next() {
        let newline = ch == '\n' || ch == '\r';
        if ch == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
        }
        match state {
            State::Quoted => {
                if ch == '"' {
                    state = State::AfterQuote;
                } else if newline {
                    cell.push('\n');
                    line += 1;
                } else {
                    cell.push(ch);
                }
            }
            State::Start | State::Unquoted | State::AfterQuote => {
                if ch == '"' && state == State::AfterQuote {
                    cell.push('"');
                    state = State::Quoted;
                } else if ch == '"' && state == State::Start {
                    state = State::Quoted;
                    started = true;
                    quote_line = line;
                } else if ch == ',' {
                    cells.push(std::mem::take(&mut cell));
                    state = State::Start;
                    started = true;
                } else if newline {
                    end_record(&mut cells, &mut cell, started, record_line);
                    started = false;
                    state = State::Start;
                    line += 1;
                    record_line = line;
                } else if state == State::AfterQuote {
                    return Err(ReadError {
                        line,
                        column: cells.len() + 1,
                        message: format!("unexpected `{ch}` after the closing quote of a cell"),
                        hint: "a cell in quotes must end at its closing quote; write a quote inside it as two quotes (\"\")".into(),
                    });
                } else {
                    cell.push(ch);
                    state = State::Unquoted;
                    started = true;
                }
            }
        }
    }
    if state == State::Quoted {
        return Err(ReadError {
            line: quote_line,
            column: cells.len() + 1,
            message: "the quoted cell that starts here is never closed".into(),
            hint: "add the closing quote (\") where the cell ends".into(),
        });
    }
    if started {
        end_record(&mut cells, &mut cell, true, record_line);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<(usize, Vec<String>)> {
        read(text)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .into_iter()
            .map(|r| (r.line, r.cells))
            .collect()
    }

    fn row(line: usize, c: &[&str]) -> (usize, Vec<String>) {
        (line, c.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn reads_rfc_4180() {
        assert_eq!(
            cells("\u{feff}a,b\r\n1,\"x, \"\"y\"\"\"\r\n"),
            [row(1, &["a", "b"]), row(2, &["1", "x, \"y\""])]
        );
        // LF and CR line ends, a missing final newline, blank lines, empty cells.
        assert_eq!(
            cells("a,b\n\n1,\r2,\n,3"),
            [
                row(1, &["a", "b"]),
                row(3, &["1", ""]),
                row(4, &["2", ""]),
                row(5, &["", "3"])
            ]
        );
        // A quoted line break: the next record starts two lines on.
        assert_eq!(
            cells("a,b\n\"one\ntwo\",x\nlast,y\n"),
            [
                row(1, &["a", "b"]),
                row(2, &["one\ntwo", "x"]),
                row(4, &["last", "y"])
            ]
        );
        assert_eq!(cells("a 5\"x,\"\"\n"), [row(1, &["a 5\"x", ""])]);
        assert_eq!(cells(""), Vec::<(usize, Vec<String>)>::new());
    }

    #[test]
    fn read_errors_are_located() {
        let e = read("a,b\n1,\"open\n2,3\n").err();
        assert_eq!(e.as_ref().map(|e| (e.line, e.column)), Some((2, 2)));
        let e = read("a,b\n1,\"x\"y\n").err();
        assert_eq!(e.as_ref().map(|e| (e.line, e.column)), Some((2, 2)));
        assert!(e.is_some_and(|e| e.message.contains("`y`")));
    }
}

//! CSV files for open data, written by the `csv` crate (RFC 4180: CRLF line ends, a cell
//! quoted when it holds a comma, a quote or a line break), with a guard against spreadsheet
//! formula injection: text a spreadsheet would run as a formula is prefixed with `'`.

use std::borrow::Cow;

/// One CSV file being written: a header, then rows of the same width.
#[derive(Debug)]
pub struct Csv {
    writer: csv::Writer<Vec<u8>>,
}

impl Csv {
    pub fn new<S: AsRef<str>>(header: impl IntoIterator<Item = S>) -> Csv {
        let writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(false)
            .from_writer(Vec::new());
        let mut c = Csv { writer };
        c.row(header);
        c
    }

    /// Add a row. A row whose width differs from the header's is a bug in Hearth, so it is
    /// caught by the tests (the writer refuses it; the row is left out).
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let guarded: Vec<Cow<'_, str>> = cells
            .into_iter()
            .map(|c| guard(c.as_ref()).into_owned().into())
            .collect();
        let result = self
            .writer
            .write_record(guarded.iter().map(|c| c.as_bytes()));
        debug_assert!(result.is_ok(), "CSV row of the wrong width: {result:?}");
    }

    /// The file's text.
    pub fn finish(self) -> String {
        let bytes = self.writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
/// carriage return) is prefixed with `'`, unless it is a number.
fn guard(value: &str) -> Cow<'_, str> {
    let is_number = value.parse::<f64>().is_ok();
    if !is_number && value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::csv::read;

    #[test]
    fn quotes_and_guards() {
        let mut c = Csv::new(["a", "b"]);
        c.row(["x, y", "say \"hi\""]);
        c.row(["=HYPERLINK(\"x\")", "-12.5"]);
        c.row(["\tx", "@sum"]);
        assert_eq!(
            c.finish(),
            "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"'=HYPERLINK(\"\"x\"\")\",-12.5\r\n'\tx,'@sum\r\n"
        );
    }

    #[test]
    fn round_trips_through_the_import_reader() {
        let mut c = Csv::new(["a", "b"]);
        c.row(["x, y", "say \"hi\"\nthere"]);
        let rows: Vec<(usize, Vec<String>)> = read(&c.finish())
            .unwrap_or_default()
            .into_iter()
            .map(|r| (r.line, r.cells))
            .collect();
        let row = |line: usize, c: &[&str]| (line, c.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            rows,
            [row(1, &["a", "b"]), row(2, &["x, y", "say \"hi\"\nthere"])]
        );
    }
}

//! A small CSV writer (RFC 4180), with a guard against spreadsheet formula injection.

#[derive(Debug)]
pub struct Csv {
    text: String,
}

impl Csv {
    pub fn new(header: &[&str]) -> Csv {
        let mut c = Csv {
            text: String::new(),
        };
        let cells: Vec<String> = header.iter().map(|s| s.to_string()).collect();
        c.row(&cells);
        c
    }

    pub fn row(&mut self, cells: &[String]) {
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        self.text.push_str(&line.join(","));
        self.text.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.text
    }
}

/// Quote a cell when needed. Text that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`, unless it is a number.
fn cell(value: &str) -> String {
    let is_number = value.parse::<f64>().is_ok();
    let mut v = value.to_string();
    if !is_number && v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        v.insert(0, '\'');
    }
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_guards() {
        let mut c = Csv::new(&["a", "b"]);
        c.row(&["x, y".into(), "say \"hi\"".into()]);
        c.row(&["=HYPERLINK(\"x\")".into(), "-12.5".into()]);
        assert_eq!(
            c.finish(),
            "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"'=HYPERLINK(\"\"x\"\")\",-12.5\r\n"
        );
    }
}

//! Statements from a spreadsheet: the cells a trainer copies out of a spreadsheet (tab-separated)
//! or a CSV file they load, read into deck statements and the categories they name.
//!
//! Reading happens in two steps, as for decks: the text becomes rows of cells (RFC 4180, by
//! `csv-core`: quoted cells, doubled quotes, line breaks inside quotes, CRLF or LF, a byte-order
//! mark), then each row is checked against the columns the first row names. Every problem is
//! collected with its place as the spreadsheet shows it (row 1 is the first row, column A the
//! first column), so a trainer fixes the sheet in one pass; bad rows are left out, good rows kept.
//! A problem does not always cost its row: an unknown column or an over-long category label is
//! reported while the rows are kept, so [`SheetImport::rows`] is the one list of what was read.
//!
//! Invariants of a [`SheetImport`]: at most 6 categories, each holding a row, with distinct slug
//! ids and distinct labels (ignoring the case of A-Z and whitespace); every row's `category` is
//! one of those ids;
//! every row's text is not blank, and its text, explanation and quote are within the deck's
//! limits; row ids are slugs and distinct. The input is bounded ([`MAX_SHEET_BYTES`],
//! [`MAX_SHEET_ROWS`]) and nothing here panics on any input.

use super::deck::{count, echo, is_blank, is_js_space, js_trim, Kind, Limit, EXPLANATION, LABEL, QUOTE, SPEAKER, TEXT};
use super::deck::{CATEGORY_RANGE, MAX_DECK_BYTES, MAX_STATEMENTS};
use super::draft::StatementField as Field;
use super::text::{clip, is_slug, slug, unique_slug, ECHO_LEN};
use csv_core::{ReadRecordResult, ReaderBuilder};
use std::collections::hash_map::{Entry, HashMap};
use std::fmt;

/// Largest sheet read, in bytes: the same as a deck file.
pub const MAX_SHEET_BYTES: usize = MAX_DECK_BYTES;
/// Most statement rows a sheet may hold: as many as a deck.
pub const MAX_SHEET_ROWS: usize = MAX_STATEMENTS;
/// How many extra categories the summary problem names before counting the rest.
const EXTRA_NAMED: usize = 10;
/// How many ignored columns of the first row are reported one by one before counting the rest.
const MAX_COLUMN_NOTES: usize = 20;

/// What a sheet held: the categories its rows name, the rows that can become statements, and
/// every problem found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetImport {
    /// The categories, in the order the sheet first names them.
    pub categories: Vec<SheetCategory>,
    /// The rows kept, in sheet order.
    pub rows: Vec<SheetRow>,
    /// Every problem, whole-sheet ones first, then by row.
    pub problems: Vec<SheetProblem>,
    /// The separator found on the first row: `'\t'`, `';'` or `','` (`','` too when the
    /// bytes could not be read as text).
    pub separator: char,
}

/// A category named in the sheet's category column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetCategory {
    /// A slug made from the label: `Équipe Ops` becomes `equipe-ops`; `category` when the label
    /// has no letter or digit to keep; `-2`, `-3` … added when an earlier category has it.
    pub id: String,
    /// The value as first written, without surrounding whitespace.
    pub label: String,
}

/// One row that can become a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRow {
    /// The row number the spreadsheet shows.
    pub row: usize,
    /// The `id` column's value, when it is a valid id not used by an earlier row; otherwise the
    /// caller assigns one.
    pub id: Option<String>,
    /// Not blank, at most 280 characters.
    pub text: String,
    /// The id of one of [`SheetImport::categories`].
    pub category: String,
    /// May be empty: the editor asks for it, as the deck requires one.
    pub explanation: String,
    /// Empty when the row has none.
    pub quote: String,
    /// Who says the quote; empty when the row names no one.
    pub speaker: String,
    /// 1 to 3; `None` leaves it to the deck's default.
    pub difficulty: Option<u8>,
    /// `None` when the cell is empty.
    pub kind: Option<Kind>,
}

/// A column's slot among [`Field::ALL`]; the sheet has no column for any other field.
fn slot(field: Field) -> usize {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(0)
}

/// A column as the spreadsheet shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetColumn {
    /// `A`, `B`, … `Z`, `AA`, …
    pub letter: String,
    /// The name the first row gives it, without surrounding whitespace and shortened; empty for
    /// a column the first row does not name.
    pub name: String,
}

/// One problem, with the place a trainer finds it at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetProblem {
    /// The row number the spreadsheet shows; `None` for a problem of the whole sheet.
    pub row: Option<usize>,
    /// The cell's column; `None` for a problem of the whole row.
    pub column: Option<SheetColumn>,
    /// What is wrong and what to do, to follow the place: "is empty; every statement needs a
    /// text". A whole-sheet message is a sentence of its own.
    pub message: String,
}

impl fmt::Display for SheetColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.name.is_empty() {
            write!(f, "column {}", self.letter)
        } else {
            write!(f, "column {} ({})", self.letter, self.name)
        }
    }
}

impl fmt::Display for SheetProblem {
    /// "Row 4, column C (explanation): is 612 characters long; at most 600 are allowed".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, &self.column) {
            (Some(row), Some(column)) => write!(f, "Row {row}, {column}: {}", self.message),
            (Some(row), None) => write!(f, "Row {row}: {}", self.message),
            (None, _) => f.write_str(&self.message),
        }
    }
}

/// Reads a sheet file's bytes: like [`read_sheet`], after checking they are UTF-8, which a
/// spreadsheet's plain "CSV" format often is not.
pub fn read_sheet_bytes(bytes: &[u8]) -> SheetImport {
    if bytes.len() > MAX_SHEET_BYTES {
        return refused(',', too_large(bytes.len()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => read_sheet(text),
        Err(e) => refused(
            ',',
            format!(
                "The file is not UTF-8 text (invalid byte at offset {}); save it from the spreadsheet as \"CSV UTF-8\"",
                e.valid_up_to()
            ),
        ),
    }
}

/// Reads pasted cells or a CSV file's text. See the module documentation for what is checked.
pub fn read_sheet(text: &str) -> SheetImport {
    let separator = detect_separator(text);
    if text.len() > MAX_SHEET_BYTES {
        return refused(separator, too_large(text.len()));
    }
    let mut import = SheetImport {
        categories: Vec::new(),
        rows: Vec::new(),
        problems: Vec::new(),
        separator,
    };
    // The separator is one of three ASCII characters, so the cast keeps it whole.
    let mut records = Records::new(text, separator as u8);
    let header = loop {
        match records.next() {
            None => {
                import.problems.push(SheetProblem {
                    row: None,
                    column: None,
                    message: "The sheet is empty; its first row must name the columns, such as text and category"
                        .to_string(),
                });
                return import;
            }
            Some(r) if r.unclosed => {
                import.problems.push(unclosed(&r, None));
                return import;
            }
            Some(r) if is_blank(&r.text) => continue,
            Some(r) => break r,
        }
    };
    let Some(columns) = Columns::read(header, &mut import.problems) else {
        return import;
    };
    let mut rows = Rows {
        columns,
        separator,
        categories: Vec::new(),
        keys: Vec::new(),
        extra: Vec::new(),
        extra_keys: HashMap::new(),
        ids: HashMap::new(),
        import,
    };
    let mut data_rows = 0;
    for record in records {
        if record.unclosed {
            // It holds the rest of the sheet, so it is the last record.
            let problem = unclosed(&record, Some(&rows.columns));
            rows.import.problems.push(problem);
            break;
        }
        if is_blank(&record.text) {
            continue;
        }
        data_rows += 1;
        if data_rows > MAX_SHEET_ROWS {
            return refused(
                separator,
                format!(
                    "The sheet has more than {MAX_SHEET_ROWS} rows of statements; a deck holds at most {MAX_SHEET_ROWS}, so none were read"
                ),
            );
        }
        rows.row(&record);
    }
    rows.finish()
}

/// An import of nothing, with one problem of the whole sheet.
fn refused(separator: char, message: String) -> SheetImport {
    SheetImport {
        categories: Vec::new(),
        rows: Vec::new(),
        problems: vec![SheetProblem {
            row: None,
            column: None,
            message,
        }],
        separator,
    }
}

fn too_large(bytes: usize) -> String {
    format!("The sheet is {bytes} bytes; the largest sheet read is {MAX_SHEET_BYTES} bytes (8 MiB)")
}

/// The problem of a record whose quoted cell never closes: csv-core read the rest of the sheet
/// into that cell, so the trainer is sent to where the quote opened.
fn unclosed(record: &Record, columns: Option<&Columns>) -> SheetProblem {
    let last = record.len().saturating_sub(1);
    let column = match columns {
        Some(columns) => columns.column(last),
        None => SheetColumn {
            letter: column_letter(last),
            name: String::new(),
        },
    };
    SheetProblem {
        row: Some(record.row),
        column: Some(column),
        message: "a quoted cell starts here but its closing quote (\") is missing, so this row and all rows after it were left out"
            .to_string(),
    }
}

/// The separator the first row uses: a tab if it has one (a paste from a spreadsheet), else a
/// semicolon if it has more of them than commas (a CSV file from a locale whose decimal mark is
/// the comma), else a comma. Only characters outside quoted cells count.
fn detect_separator(text: &str) -> char {
    /// Where the scan is within a cell, as RFC 4180 reads it.
    #[derive(Clone, Copy)]
    enum At {
        CellStart,
        Plain,
        Quoted,
        QuoteInQuoted,
    }
    let first = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .trim_start_matches(['\r', '\n']);
    let (mut tabs, mut semicolons, mut commas) = (0usize, 0usize, 0usize);
    let mut at = At::CellStart;
    for b in first.bytes() {
        at = match (at, b) {
            (At::Quoted, b'"') => At::QuoteInQuoted,
            (At::Quoted, _) => At::Quoted,
            // An opening quote, or the second of a doubled quote inside a quoted cell.
            (At::CellStart | At::QuoteInQuoted, b'"') => At::Quoted,
            (_, b'\r' | b'\n') => break,
            (_, b'\t') => {
                tabs += 1;
                At::CellStart
            }
            (_, b';') => {
                semicolons += 1;
                At::CellStart
            }
            (_, b',') => {
                commas += 1;
                At::CellStart
            }
            _ => At::Plain,
        };
    }
    if tabs > 0 {
        '\t'
    } else if semicolons > commas {
        ';'
    } else {
        ','
    }
}

/// The spreadsheet's name for the column at `index` (from 0): A to Z, then AA, AB, …
fn column_letter(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        n -= 1;
        letters.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// One row of cells as the CSV reader found it.
struct Record {
    /// The row number the spreadsheet shows: 1 + the line breaks before the row, outside quoted
    /// cells, blank rows included.
    row: usize,
    /// The cells' text one after another; cell `i` ends at `ends[i]`.
    text: String,
    ends: Vec<usize>,
    /// A quoted cell was still open at the end of the input.
    unclosed: bool,
}

impl Record {
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The cell at `i`; empty past the row's end, as a spreadsheet shows missing cells.
    fn cell(&self, i: usize) -> &str {
        let start = i.checked_sub(1).and_then(|j| self.ends.get(j)).copied().unwrap_or(0);
        let Some(&end) = self.ends.get(i) else { return "" };
        self.text.get(start..end).unwrap_or("")
    }
}

/// What the CSV reader is given next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Feed {
    /// The sheet itself.
    Input,
    /// One line break after the sheet. csv-core reads an unclosed quote to the end without a
    /// word; a line break after the end closes any record except one inside an open quote, so
    /// a record that still arrives after it is the unclosed one.
    Sentinel,
    /// Nothing: the end of the input.
    Done,
}

/// The records of a sheet, one at a time, so that a huge sheet is refused before it is all held.
struct Records<'a> {
    input: &'a [u8],
    reader: csv_core::Reader,
    feed: Feed,
    /// How much of the input csv-core has consumed.
    pos: usize,
    /// Where the line breaks after the last record start (csv-core skips blank lines silently,
    /// but they count in a spreadsheet's row numbers).
    gap: usize,
    /// Line breaks outside quoted cells before `gap`.
    breaks: usize,
    /// Buffers csv-core writes a record's cells and their ends into; they grow as needed.
    out: Vec<u8>,
    ends: Vec<usize>,
}

impl<'a> Records<'a> {
    fn new(text: &'a str, separator: u8) -> Records<'a> {
        Records {
            input: text.as_bytes(),
            reader: ReaderBuilder::new().delimiter(separator).build(),
            feed: Feed::Input,
            pos: 0,
            // csv-core drops a byte-order mark itself; the row count skips it too.
            gap: if text.starts_with('\u{feff}') { 3 } else { 0 },
            breaks: 0,
            out: vec![0; 256],
            ends: vec![0; 16],
        }
    }
}

/// Line breaks in `bytes`, each of CRLF, LF and CR alone counting once.
fn line_breaks(bytes: &[u8]) -> usize {
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    bytes.iter().filter(|&&b| b == b'\r' || b == b'\n').count() - crlf
}

impl Iterator for Records<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let input = self.input;
        let gap = input.get(self.gap..).unwrap_or_default();
        let skipped = gap.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        self.breaks += line_breaks(&gap[..skipped]);
        self.gap += skipped;
        let row = self.breaks + 1;
        let (mut nout, mut nends) = (0, 0);
        loop {
            let chunk: &[u8] = match self.feed {
                Feed::Input => input.get(self.pos..).unwrap_or_default(),
                Feed::Sentinel => b"\n",
                Feed::Done => &[],
            };
            let out = self.out.get_mut(nout..).unwrap_or_default();
            let ends = self.ends.get_mut(nends..).unwrap_or_default();
            let (result, read, wrote, ended) = self.reader.read_record(chunk, out, ends);
            nout += wrote;
            nends += ended;
            if self.feed == Feed::Input {
                self.pos += read;
            }
            match result {
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::InputEmpty => match self.feed {
                    Feed::Input => self.feed = Feed::Sentinel,
                    Feed::Sentinel => self.feed = Feed::Done,
                    // csv-core answers the end of input with a record or the end; never this.
                    Feed::Done => return None,
                },
                ReadRecordResult::End => return None,
                ReadRecordResult::Record => {
                    let unclosed = self.feed == Feed::Done;
                    // A record read from the input ended at its line break, the last byte read.
                    self.gap = match self.feed {
                        Feed::Input => self.pos.saturating_sub(1),
                        _ => input.len(),
                    };
                    if self.feed == Feed::Sentinel {
                        self.feed = Feed::Done;
                    }
                    let mut ends = self.ends.get(..nends).unwrap_or_default().to_vec();
                    if unclosed {
                        // The sentinel line break went into the open cell; it was never there.
                        nout = nout.saturating_sub(1);
                        if let Some(last) = ends.last_mut() {
                            *last = nout;
                        }
                    }
                    // The cells are the input's UTF-8 less some ASCII quotes and separators, so
                    // they are UTF-8 too; the empty fallback is never taken.
                    let text = String::from_utf8(self.out.get(..nout).unwrap_or_default().to_vec()).unwrap_or_default();
                    return Some(Record {
                        row,
                        text,
                        ends,
                        unclosed,
                    });
                }
            }
        }
    }
}

/// The field a header names, ignoring case and surrounding whitespace; `tag` is the deck
/// file's word for the category.
fn named(name: &str) -> Option<Field> {
    let name = js_trim(name);
    if name.eq_ignore_ascii_case("tag") {
        return Some(Field::Category);
    }
    Field::ALL.into_iter().find(|f| name.eq_ignore_ascii_case(f.name()))
}

/// "text, category, explanation, quote, speaker, difficulty, kind, id".
fn field_list() -> String {
    Field::ALL.map(Field::name).join(", ")
}

/// What the first row says about the columns.
struct Columns {
    /// Where each field is, by its position in [`FIELDS`].
    at: [Option<usize>; Field::ALL.len()],
    /// The first row itself. Names are read from it only when a message needs one, so a first
    /// row of a million cells costs no more than its text.
    header: Record,
    /// How many columns the first row names: up to its last cell that is not blank, since
    /// spreadsheets often export a few empty cells after it.
    width: usize,
}

impl Columns {
    /// Reads the first row, reporting unknown, unnamed and repeated columns. `None` when the
    /// text or category column is missing: without them no row can be read.
    fn read(header: Record, problems: &mut Vec<SheetProblem>) -> Option<Columns> {
        let width = (0..header.len())
            .rev()
            .find(|&i| !is_blank(header.cell(i)))
            .map_or(0, |i| i + 1);
        let mut at = [None; Field::ALL.len()];
        let mut notes = Vec::new();
        let mut more = 0;
        for i in 0..width {
            let name = js_trim(header.cell(i));
            let message = match named(name) {
                None if name.is_empty() => "has no name; its cells are ignored".to_string(),
                None => format!(
                    "is not a column RoleCall reads ({}); its cells are ignored",
                    field_list()
                ),
                Some(field) => match at[slot(field)] {
                    None => {
                        at[slot(field)] = Some(i);
                        continue;
                    }
                    Some(j) => format!(
                        "names the {} column again (first in column {}); its cells are ignored",
                        field.name(),
                        column_letter(j)
                    ),
                },
            };
            // A first row of thousands of unknown names would flood the list (and the memory).
            if notes.len() == MAX_COLUMN_NOTES {
                more += 1;
                continue;
            }
            notes.push((i, message));
        }
        let columns = Columns { at, header, width };
        let row = Some(columns.header.row);
        if at.iter().all(Option::is_none) {
            // Most likely the sheet has no header row; listing each cell as unknown would bury that.
            problems.push(SheetProblem {
                row,
                column: None,
                message: format!(
                    "names none of the columns RoleCall reads; the first row must name the columns ({}), and text and category are required",
                    field_list()
                ),
            });
            return None;
        }
        let missing: Vec<&str> = [Field::Text, Field::Category]
            .into_iter()
            .filter(|f| columns.of(*f).is_none())
            .map(Field::name)
            .collect();
        if !missing.is_empty() {
            problems.push(SheetProblem {
                row,
                column: None,
                message: format!(
                    "has no {} column; the first row names the columns, and text and category are required",
                    missing.join(" or ")
                ),
            });
        }
        for (i, message) in notes {
            problems.push(SheetProblem {
                row,
                column: Some(columns.column(i)),
                message,
            });
        }
        if more > 0 {
            problems.push(SheetProblem {
                row,
                column: None,
                message: if more == 1 {
                    "and 1 more column is ignored".to_string()
                } else {
                    format!("and {more} more columns are ignored")
                },
            });
        }
        missing.is_empty().then_some(columns)
    }

    /// The column at `index`, named as the first row names it.
    fn column(&self, index: usize) -> SheetColumn {
        let name = if index < self.width {
            clip(js_trim(self.header.cell(index)), ECHO_LEN).into_owned()
        } else {
            String::new()
        };
        SheetColumn {
            letter: column_letter(index),
            name,
        }
    }

    fn of(&self, field: Field) -> Option<usize> {
        self.at[slot(field)]
    }
}

/// The rows after the first, read one at a time into an import.
struct Rows {
    columns: Columns,
    separator: char,
    /// Each category's key (see [`category_key`]), beside `import.categories`.
    keys: Vec<String>,
    categories: Vec<SheetCategory>,
    /// Categories beyond the sixth: labels in order of first appearance, and their keys with
    /// the row that first names them. The maps are of the deck parser's type, so the wasm
    /// carries one copy of the hash table's code.
    extra: Vec<String>,
    extra_keys: HashMap<String, usize>,
    /// Statement ids kept so far, with their rows.
    ids: HashMap<String, usize>,
    import: SheetImport,
}

impl Rows {
    fn problem(&mut self, row: usize, field: Field, message: String) {
        let column = self.columns.of(field).map(|i| self.columns.column(i));
        self.import.problems.push(SheetProblem {
            row: Some(row),
            column,
            message,
        });
    }

    /// The trimmed value of `field` in `record`; empty when the sheet has no such column.
    fn value<'r>(&self, record: &'r Record, field: Field) -> &'r str {
        self.columns.of(field).map_or("", |i| js_trim(record.cell(i)))
    }

    /// A text within `limit`, or a problem at its cell.
    fn check_length(&mut self, record: &Record, field: Field, limit: &Limit) -> bool {
        let len = self.value(record, field).chars().count();
        if len > limit.max {
            let message = format!("is {} long; at most {} are allowed", count(len, "character"), limit.max);
            self.problem(record.row, field, message);
        }
        len <= limit.max
    }

    fn row(&mut self, record: &Record) {
        let row = record.row;
        let width = self.columns.width;
        // Cells past the named columns mean the row is misaligned (a separator inside an
        // unquoted cell), so none of its cells can be trusted.
        if let Some(i) = (width..record.len()).find(|&i| !is_blank(record.cell(i))) {
            let what = match self.separator {
                '\t' => "tab",
                ';' => "semicolon",
                _ => "comma",
            };
            self.import.problems.push(SheetProblem {
                row: Some(row),
                column: Some(self.columns.column(i)),
                message: format!(
                    "has a value, but the first row names only {}; put a cell that contains a {what} in double quotes",
                    count(width, "column")
                ),
            });
            return;
        }
        let mut ok = true;
        let text = self.value(record, Field::Text);
        if text.is_empty() {
            self.problem(row, Field::Text, "is empty; every statement needs a text".to_string());
            ok = false;
        } else {
            ok &= self.check_length(record, Field::Text, &TEXT);
        }
        let category = self.category(record);
        ok &= category.is_some();
        ok &= self.check_length(record, Field::Explanation, &EXPLANATION);
        ok &= self.check_length(record, Field::Quote, &QUOTE);
        ok &= self.check_length(record, Field::Speaker, &SPEAKER);
        let difficulty = match self.value(record, Field::Difficulty) {
            "" => Some(None),
            d if d == "1" || d.eq_ignore_ascii_case("easy") => Some(Some(1)),
            d if d == "2" || d.eq_ignore_ascii_case("medium") => Some(Some(2)),
            d if d == "3" || d.eq_ignore_ascii_case("hard") => Some(Some(3)),
            d => {
                let message = format!(
                    "{} is not a difficulty; use 1, 2 or 3 (or easy, medium, hard), or leave it empty",
                    echo(d)
                );
                self.problem(row, Field::Difficulty, message);
                None
            }
        };
        let kind = match self.value(record, Field::Kind) {
            "" => Some(None),
            k if k.eq_ignore_ascii_case("claim") => Some(Some(Kind::Claim)),
            k if k.eq_ignore_ascii_case("scenario") => Some(Some(Kind::Scenario)),
            k => {
                let message = format!("{} is not a kind; use claim or scenario, or leave it empty", echo(k));
                self.problem(row, Field::Kind, message);
                None
            }
        };
        let (Some(category), Some(difficulty), Some(kind), true) = (category, difficulty, kind, ok) else {
            return;
        };
        // An id that is not valid or already used is dropped, not reported: the caller gives
        // the row a fresh one, as it does for rows without.
        let id = Some(self.value(record, Field::Id))
            .filter(|id| is_slug(id) && !self.ids.contains_key(*id))
            .map(str::to_string);
        if let Some(id) = &id {
            self.ids.insert(id.clone(), row);
        }
        let row = SheetRow {
            row,
            id,
            text: self.value(record, Field::Text).to_string(),
            category,
            explanation: self.value(record, Field::Explanation).to_string(),
            quote: self.value(record, Field::Quote).to_string(),
            speaker: self.value(record, Field::Speaker).to_string(),
            difficulty,
            kind,
        };
        self.import.rows.push(row);
    }

    /// The id of the row's category, created on first use; `None` (and a problem) when the cell
    /// is empty or names a seventh category or beyond.
    fn category(&mut self, record: &Record) -> Option<String> {
        let row = record.row;
        let label = self.value(record, Field::Category);
        if label.is_empty() {
            self.problem(
                row,
                Field::Category,
                "is empty; every statement needs a category".to_string(),
            );
            return None;
        }
        let key = category_key(label);
        if let Some(i) = self.keys.iter().position(|k| *k == key) {
            return self.categories.get(i).map(|c| c.id.clone());
        }
        let max = CATEGORY_RANGE.1;
        if self.categories.len() >= max {
            if let Entry::Vacant(first) = self.extra_keys.entry(key) {
                first.insert(row);
                self.extra.push(label.to_string());
            }
            let message = format!(
                "{} is not one of the sheet's first {max} categories; a deck has at most {max}",
                echo(label)
            );
            self.problem(row, Field::Category, message);
            return None;
        }
        // An over-long label is reported once, here, and kept: it is one edit in the editor,
        // where leaving out every row of the category would be many.
        let len = label.chars().count();
        if len > LABEL.max {
            let message = format!(
                "is {} long; a category label has at most {}",
                count(len, "character"),
                LABEL.max
            );
            self.problem(row, Field::Category, message);
        }
        let id = unique_slug(&slug(label), |id| self.categories.iter().any(|c| c.id == id));
        self.keys.push(key);
        self.categories.push(SheetCategory {
            id: id.clone(),
            label: label.to_string(),
        });
        Some(id)
    }

    fn finish(mut self) -> SheetImport {
        if !self.extra.is_empty() {
            let max = CATEGORY_RANGE.1;
            let mut named: Vec<String> = self.extra.iter().take(EXTRA_NAMED).map(|l| echo(l)).collect();
            if self.extra.len() > EXTRA_NAMED {
                named.push(format!("and {} more", self.extra.len() - EXTRA_NAMED));
            }
            let problem = SheetProblem {
                row: None,
                column: None,
                message: format!(
                    "The sheet names {} categories; a deck has at most {max}, so the rows in these were left out: {}",
                    max + self.extra.len(),
                    named.join(", ")
                ),
            };
            self.import.problems.insert(0, problem);
        }
        // A category only left-out rows named would arrive empty in the deck.
        let rows = &self.import.rows;
        self.categories.retain(|c| rows.iter().any(|r| r.category == c.id));
        self.import.categories = self.categories;
        self.import
    }
}

/// What makes two category values the same: whitespace at either end and runs of it inside do
/// not count, nor does the case of A-Z (as for deck labels; other letters compare as written,
/// which keeps Unicode case tables out of the app).
fn category_key(label: &str) -> String {
    let mut key = String::with_capacity(label.len());
    for word in label.split(is_js_space).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key.make_ascii_lowercase();
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    /// The cells of every record, with its row number and whether its quote was left open.
    fn records(text: &str, separator: u8) -> Vec<(usize, Vec<String>, bool)> {
        Records::new(text, separator)
            .map(|r| {
                let cells = (0..r.len()).map(|i| r.cell(i).to_string()).collect();
                (r.row, cells, r.unclosed)
            })
            .collect()
    }

    fn problems(import: &SheetImport) -> Vec<String> {
        import.problems.iter().map(|p| p.to_string()).collect()
    }

    /// A row as `(row, text, category id)`, to compare many rows at a glance.
    fn brief(import: &SheetImport) -> Vec<(usize, &str, &str)> {
        import
            .rows
            .iter()
            .map(|r| (r.row, r.text.as_str(), r.category.as_str()))
            .collect()
    }

    fn labels(import: &SheetImport) -> Vec<(&str, &str)> {
        import
            .categories
            .iter()
            .map(|c| (c.id.as_str(), c.label.as_str()))
            .collect()
    }

    #[test]
    fn separators_are_found_on_the_first_row() {
        for (text, want) in [
            ("text\tcategory", '\t'),
            ("text\tcategory,explanation;quote", '\t'),
            ("text;category;explanation", ';'),
            ("text;category,explanation", ','),
            ("text;category;explanation,quote", ';'),
            ("text,category", ','),
            ("text", ','),
            ("", ','),
            ("\u{feff}text;category", ';'),
            ("\r\n\ntext;category", ';'),
            // Only the first row counts.
            ("text,category\na\tb", ','),
            // Separators inside quoted cells do not count, even across a line break.
            ("\"a\tb\",c", ','),
            ("\"a;b;c\",d", ','),
            ("\"a \"\"x;y\"\" b\",c", ','),
            ("\"a,\nb\";c", ';'),
            // A quote inside an unquoted cell is a plain character.
            ("5\" screen;size", ';'),
        ] {
            assert_eq!(detect_separator(text), want, "{text:?}");
        }
    }

    #[test]
    fn records_follow_rfc_4180_and_spreadsheet_row_numbers() {
        type Rows = Vec<(usize, Vec<&'static str>, bool)>;
        let rows: Vec<(&str, u8, Rows)> = vec![
            (
                "a,b\nc,d\n",
                b',',
                vec![(1, vec!["a", "b"], false), (2, vec!["c", "d"], false)],
            ),
            (
                "a,b\r\nc,d",
                b',',
                vec![(1, vec!["a", "b"], false), (2, vec!["c", "d"], false)],
            ),
            ("\u{feff}a,b\n", b',', vec![(1, vec!["a", "b"], false)]),
            // A second mark is text: only the first is the file's.
            ("\u{feff}\u{feff}a", b',', vec![(1, vec!["\u{feff}a"], false)]),
            (
                "\"x\ny\",z\nq\n",
                b',',
                vec![(1, vec!["x\ny", "z"], false), (2, vec!["q"], false)],
            ),
            (
                "\"x\r\ny\",z\r\nq",
                b',',
                vec![(1, vec!["x\r\ny", "z"], false), (2, vec!["q"], false)],
            ),
            // Blank lines are not records, but they count in the row numbers.
            ("a\n\n\nb\n", b',', vec![(1, vec!["a"], false), (4, vec!["b"], false)]),
            ("a\r\n\r\nb", b',', vec![(1, vec!["a"], false), (3, vec!["b"], false)]),
            ("a\r\rb", b',', vec![(1, vec!["a"], false), (3, vec!["b"], false)]),
            ("\n\na,b", b',', vec![(3, vec!["a", "b"], false)]),
            ("\u{feff}\r\na", b',', vec![(2, vec!["a"], false)]),
            ("\"say \"\"hi\"\"\",x", b',', vec![(1, vec!["say \"hi\"", "x"], false)]),
            ("a,\"b,c\",d", b',', vec![(1, vec!["a", "b,c", "d"], false)]),
            ("\"\"", b',', vec![(1, vec![""], false)]),
            (",,", b',', vec![(1, vec!["", "", ""], false)]),
            ("a;b;\"c;d\"", b';', vec![(1, vec!["a", "b", "c;d"], false)]),
            ("a,b;c", b';', vec![(1, vec!["a,b", "c"], false)]),
            ("a\t\"b\tc\"\td", b'\t', vec![(1, vec!["a", "b\tc", "d"], false)]),
            ("5\" screen,x", b',', vec![(1, vec!["5\" screen", "x"], false)]),
            (
                "caf\u{e9},\u{1f600}",
                b',',
                vec![(1, vec!["caf\u{e9}", "\u{1f600}"], false)],
            ),
            // An open quote takes the rest of the input, and the record is marked.
            (
                "a,b\n\"open,c\nd,e\n",
                b',',
                vec![(1, vec!["a", "b"], false), (2, vec!["open,c\nd,e\n"], true)],
            ),
            ("a,\"b", b',', vec![(1, vec!["a", "b"], true)]),
            ("\"", b',', vec![(1, vec![""], true)]),
            ("\"a\"\"", b',', vec![(1, vec!["a\""], true)]),
            // A closing quote right at the end is closed.
            ("a,\"b\"", b',', vec![(1, vec!["a", "b"], false)]),
            ("a,\"b\"\r\n", b',', vec![(1, vec!["a", "b"], false)]),
            ("", b',', vec![]),
            ("\u{feff}", b',', vec![]),
            ("\n\r\n", b',', vec![]),
        ];
        for (text, separator, want) in rows {
            let want: Vec<(usize, Vec<String>, bool)> = want
                .into_iter()
                .map(|(row, cells, open)| (row, cells.into_iter().map(String::from).collect(), open))
                .collect();
            assert_eq!(records(text, separator), want, "{text:?}");
        }
    }

    #[test]
    fn long_records_grow_the_buffers() {
        let cells: Vec<String> = (0..100).map(|i| format!("{i}").repeat(50)).collect();
        let text = format!("{}\nnext", cells.join(","));
        let read = records(&text, b',');
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].1, cells);
        assert_eq!(read[1], (2, vec!["next".to_string()], false));
    }

    #[test]
    fn column_letters() {
        for (index, want) in [
            (0, "A"),
            (2, "C"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letter(index), want, "{index}");
        }
    }

    #[test]
    fn a_full_csv_file_with_a_mark_and_quoted_line_breaks() {
        let text = "\u{feff}Text,Category,Explanation,Quote,Difficulty,Kind,ID\r\n\
            \"We ship, then \"\"learn\"\".\",DevOps,\"Two\r\nlines.\",,1,claim,ship-learn\r\n\
            Clusters for everyone,Platform,Infra.,\"The platform team, says the talk.\",hard,Scenario,\r\n";
        let import = read_sheet(text);
        assert_eq!(problems(&import), Vec::<String>::new());
        assert_eq!(import.separator, ',');
        assert_eq!(labels(&import), vec![("devops", "DevOps"), ("platform", "Platform")]);
        assert_eq!(
            import.rows,
            vec![
                SheetRow {
                    row: 2,
                    id: Some("ship-learn".into()),
                    text: "We ship, then \"learn\".".into(),
                    category: "devops".into(),
                    explanation: "Two\r\nlines.".into(),
                    quote: String::new(),
                    speaker: String::new(),
                    difficulty: Some(1),
                    kind: Some(Kind::Claim),
                },
                SheetRow {
                    row: 3,
                    id: None,
                    text: "Clusters for everyone".into(),
                    category: "platform".into(),
                    explanation: "Infra.".into(),
                    quote: "The platform team, says the talk.".into(),
                    speaker: String::new(),
                    difficulty: Some(3),
                    kind: Some(Kind::Scenario),
                },
            ]
        );
    }

    #[test]
    fn a_speaker_column_names_who_says_each_quote() {
        let text =
            "text,category,quote,Speaker\nShips code,DevOps,We ship.,the DevOps Engineer\nRuns clusters,Platform,,\n";
        let import = read_sheet(text);
        assert_eq!(problems(&import), Vec::<String>::new());
        let speakers: Vec<&str> = import.rows.iter().map(|r| r.speaker.as_str()).collect();
        assert_eq!(speakers, ["the DevOps Engineer", ""]);
        let long = format!("text,category,speaker\nShips code,DevOps,{}\n", "s".repeat(81));
        assert_eq!(
            problems(&read_sheet(&long)),
            ["Row 2, column C (speaker): is 81 characters long; at most 80 are allowed"]
        );
    }

    #[test]
    fn a_semicolon_file_from_a_european_locale() {
        let text = "text;category;difficulty\nDéploie le vendredi;DevOps;2\n\"Prix: 3,50 €; TVA\";Équipe;\n";
        let import = read_sheet(text);
        assert_eq!(import.separator, ';');
        assert_eq!(problems(&import), Vec::<String>::new());
        assert_eq!(
            brief(&import),
            vec![(2, "Déploie le vendredi", "devops"), (3, "Prix: 3,50 €; TVA", "equipe")]
        );
        assert_eq!(import.rows[0].difficulty, Some(2));
        assert_eq!(import.rows[1].difficulty, None);
    }

    #[test]
    fn a_category_named_only_by_left_out_rows_is_not_made() {
        let import = read_sheet("text,category,difficulty\nOne,Rain,1\nTwo,Fog,9\n");
        assert_eq!(import.rows.len(), 1);
        let labels: Vec<&str> = import.categories.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["Rain"]);
        assert_eq!(import.problems.len(), 1);
    }

    #[test]
    fn a_paste_from_a_spreadsheet_with_a_bad_row() {
        let text = "Text\tCategory\tDifficulty\n\
            Ships on Fridays\tDevOps\t1\n\
            \tPlatform\t2\n\
            Runs the clusters\tPlatform\tvery hard\n\
            \t\t\n\
            Uses Docker\tBoth\t\n";
        let import = read_sheet(text);
        assert_eq!(import.separator, '\t');
        assert_eq!(
            problems(&import),
            vec![
                "Row 3, column A (Text): is empty; every statement needs a text",
                "Row 4, column C (Difficulty): \"very hard\" is not a difficulty; use 1, 2 or 3 (or easy, medium, hard), or leave it empty",
            ]
        );
        assert_eq!(
            brief(&import),
            vec![(2, "Ships on Fridays", "devops"), (6, "Uses Docker", "both")]
        );
        // Both Platform rows were left out, so no empty Platform category is made.
        assert_eq!(labels(&import), vec![("devops", "DevOps"), ("both", "Both")]);
    }

    #[test]
    fn header_variants() {
        // Case, surrounding whitespace and order are free; `tag` is the category; trailing empty
        // header cells are not columns.
        for (header, row) in [
            ("text,category", "T,C"),
            ("Text,Category", "T,C"),
            ("  TEXT , tag ", "T,C"),
            ("Tag,Text", "C,T"),
            ("category,explanation,text", "C,,T"),
            ("\u{a0}text\u{a0},CATEGORY,,", "T,C"),
            ("Kind,Tag,Text,ID", ",C,T,"),
        ] {
            let import = read_sheet(&format!("{header}\n{row}\n"));
            assert_eq!(problems(&import), Vec::<String>::new(), "{header:?}");
            assert_eq!(brief(&import), vec![(2, "T", "c")], "{header:?}");
        }
        let import = read_sheet("Kind,Tag,Text,id\nscenario,Ops,Runs it,run-it\n");
        assert_eq!(import.rows[0].kind, Some(Kind::Scenario));
        assert_eq!(import.rows[0].id.as_deref(), Some("run-it"));
    }

    /// Each row: a sheet, and the exact problems it must produce.
    #[test]
    fn problems_name_their_row_and_column() {
        let long_text = "x".repeat(281);
        let ok_text = "x".repeat(280);
        let long_explanation = "y".repeat(601);
        let long_quote = "z".repeat(601);
        let long_label = "L".repeat(25);
        let rows: Vec<(&str, String, Vec<&str>)> = vec![
            ("unknown column", "text,category,Notes\na,b,c\n".into(),
             vec!["Row 1, column C (Notes): is not a column RoleCall reads (text, category, explanation, quote, speaker, difficulty, kind, id); its cells are ignored"]),
            ("unnamed column", "text,,category\na,b,c\n".into(),
             vec!["Row 1, column B: has no name; its cells are ignored"]),
            ("repeated column", "text,category,Text\na,b,c\n".into(),
             vec!["Row 1, column C (Text): names the text column again (first in column A); its cells are ignored"]),
            ("tag and category", "tag,text,category\na,b,c\n".into(),
             vec!["Row 1, column C (category): names the category column again (first in column A); its cells are ignored"]),
            ("missing category", "text,explanation,Notes\na,b,c\n".into(),
             vec![
                 "Row 1: has no category column; the first row names the columns, and text and category are required",
                 "Row 1, column C (Notes): is not a column RoleCall reads (text, category, explanation, quote, speaker, difficulty, kind, id); its cells are ignored",
             ]),
            ("missing both", "explanation,quote\na,b\n".into(),
             vec!["Row 1: has no text or category column; the first row names the columns, and text and category are required"]),
            ("no header at all", "Ships code,DevOps\nRuns clusters,Platform\n".into(),
             vec!["Row 1: names none of the columns RoleCall reads; the first row must name the columns (text, category, explanation, quote, speaker, difficulty, kind, id), and text and category are required"]),
            ("header after blank rows", "\n,,\nexplanation\n".into(),
             vec!["Row 3: has no text or category column; the first row names the columns, and text and category are required"]),
            ("empty", "".into(),
             vec!["The sheet is empty; its first row must name the columns, such as text and category"]),
            ("only blank rows", "\u{feff}\r\n , \r\n".into(),
             vec!["The sheet is empty; its first row must name the columns, such as text and category"]),
            ("long text", format!("text,category\n{long_text},a\n{ok_text},a\n"),
             vec!["Row 2, column A (text): is 281 characters long; at most 280 are allowed"]),
            ("long explanation", format!("text,category,explanation\nt,a,{long_explanation}\n"),
             vec!["Row 2, column C (explanation): is 601 characters long; at most 600 are allowed"]),
            ("long quote", format!("quote,text,category\n{long_quote},t,a\n"),
             vec!["Row 2, column A (quote): is 601 characters long; at most 600 are allowed"]),
            ("long label", format!("text,category\nt,{long_label}\n"),
             vec!["Row 2, column B (category): is 25 characters long; a category label has at most 24"]),
            ("blank category", "text,category\nt,  \n".into(),
             vec!["Row 2, column B (category): is empty; every statement needs a category"]),
            ("bad kind", "text,category,kind\nt,a,fact\n".into(),
             vec!["Row 2, column C (kind): \"fact\" is not a kind; use claim or scenario, or leave it empty"]),
            ("bad difficulty", "text,category,difficulty\nt,a,4\n".into(),
             vec!["Row 2, column C (difficulty): \"4\" is not a difficulty; use 1, 2 or 3 (or easy, medium, hard), or leave it empty"]),
            ("several in one row", "text,category,difficulty,kind\n,,0,x\n".into(),
             vec![
                 "Row 2, column A (text): is empty; every statement needs a text",
                 "Row 2, column B (category): is empty; every statement needs a category",
                 "Row 2, column C (difficulty): \"0\" is not a difficulty; use 1, 2 or 3 (or easy, medium, hard), or leave it empty",
                 "Row 2, column D (kind): \"x\" is not a kind; use claim or scenario, or leave it empty",
             ]),
            ("too many cells", "text,category\nI deploy, daily,DevOps\n".into(),
             vec!["Row 2, column C: has a value, but the first row names only 2 columns; put a cell that contains a comma in double quotes"]),
            ("too many cells, tab", "text\tcategory\na\tb\tc\td\n".into(),
             vec!["Row 2, column C: has a value, but the first row names only 2 columns; put a cell that contains a tab in double quotes"]),
            ("unclosed quote", "text,category\nt,a\n\"Never closed,a\nt,b\nt,c\n".into(),
             vec!["Row 3, column A (text): a quoted cell starts here but its closing quote (\") is missing, so this row and all rows after it were left out"]),
            ("unclosed quote in the header", "text,\"category\nt,a\n".into(),
             vec!["Row 1, column B: a quoted cell starts here but its closing quote (\") is missing, so this row and all rows after it were left out"]),
        ];
        for (name, text, want) in rows {
            assert_eq!(problems(&read_sheet(&text)), want, "case {name}");
        }
        // Only so many ignored columns are listed one by one.
        let import = read_sheet(&format!("text,category{}\n", ",x".repeat(25)));
        assert_eq!(import.problems.len(), MAX_COLUMN_NOTES + 1);
        assert_eq!(
            import.problems.last().map(|p| p.to_string()),
            Some("Row 1: and 5 more columns are ignored".to_string())
        );
        // A long column name is shortened in messages.
        let import = read_sheet(&format!("text,category,{}\n", "n".repeat(50)));
        assert_eq!(
            import.problems[0].column.as_ref().map(|c| c.to_string()),
            Some(format!("column C ({}\u{2026})", "n".repeat(40)))
        );
    }

    #[test]
    fn rows_kept_beside_the_problems() {
        // Fewer cells than columns are empty cells; a row that is only separators is blank;
        // extra cells that are empty do no harm; row numbers count the blank rows.
        let text = "text,category,explanation,difficulty,,\n\
            Ships code,DevOps\n\
            ,,,\n\
            \n\
            Runs clusters,Platform,Infra.,2,,\n\
            Too,long,row,1,x\n\
            \"Line\nbreak\",DevOps\n\
            After,Platform\n";
        let import = read_sheet(text);
        assert_eq!(
            problems(&import),
            vec!["Row 6, column E: has a value, but the first row names only 4 columns; put a cell that contains a comma in double quotes"]
        );
        assert_eq!(
            brief(&import),
            vec![
                (2, "Ships code", "devops"),
                (5, "Runs clusters", "platform"),
                (7, "Line\nbreak", "devops"),
                (8, "After", "platform"),
            ]
        );
        assert_eq!(import.rows[0].explanation, "");
        // A misaligned row names no category: "long" was never created.
        assert_eq!(labels(&import), vec![("devops", "DevOps"), ("platform", "Platform")]);
    }

    #[test]
    fn crlf_and_lf_give_the_same_import() {
        let lf = "text,category,quote\nShips code,DevOps,\"a\nb\"\n\nRuns clusters,Platform,\n";
        let crlf = lf.replace('\n', "\r\n");
        let cr = lf.replace('\n', "\r");
        let want = read_sheet(lf);
        assert_eq!(
            brief(&want),
            vec![(2, "Ships code", "devops"), (4, "Runs clusters", "platform")]
        );
        for other in [crlf, cr] {
            let got = read_sheet(&other);
            assert_eq!(brief(&got), brief(&want), "{other:?}");
            assert_eq!(got.problems, want.problems);
        }
        assert_eq!(read_sheet(&lf.replace('\n', "\r\n")).rows[0].quote, "a\r\nb");
    }

    #[test]
    fn categories_are_made_in_order_of_first_appearance() {
        let text = "category,text\n\
            DevOps,a\n \
            devops ,b\n\
            DEVOPS,c\n\
            Dev  Ops,d\n\
            dev ops,e\n\
            \u{c9}quipe,f\n\
            \u{e9}quipe,g\n\
            !!!,h\n\
            ???,i\n";
        let import = read_sheet(text);
        assert_eq!(problems(&import), Vec::<String>::new());
        assert_eq!(
            labels(&import),
            vec![
                ("devops", "DevOps"),
                ("dev-ops", "Dev  Ops"),
                ("equipe", "\u{c9}quipe"),
                ("equipe-2", "\u{e9}quipe"),
                ("category", "!!!"),
                ("category-2", "???"),
            ]
        );
        let ids: Vec<&str> = import.rows.iter().map(|r| r.category.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "devops",
                "devops",
                "devops",
                "dev-ops",
                "dev-ops",
                "equipe",
                "equipe-2",
                "category",
                "category-2"
            ]
        );
    }

    #[test]
    fn a_seventh_category_is_reported_with_its_rows() {
        let text = "text,category\n\
            a,One\nb,Two\nc,Three\nd,Four\ne,Five\nf,Six\n\
            g,Seven\n\
            h,seven\n\
            i,Eight\n\
            j,One\n";
        let import = read_sheet(text);
        assert_eq!(
            problems(&import),
            vec![
                "The sheet names 8 categories; a deck has at most 6, so the rows in these were left out: \"Seven\", \"Eight\"",
                "Row 8, column B (category): \"Seven\" is not one of the sheet's first 6 categories; a deck has at most 6",
                "Row 9, column B (category): \"seven\" is not one of the sheet's first 6 categories; a deck has at most 6",
                "Row 10, column B (category): \"Eight\" is not one of the sheet's first 6 categories; a deck has at most 6",
            ]
        );
        let kept: Vec<&str> = import.rows.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(kept, vec!["a", "b", "c", "d", "e", "f", "j"]);
        assert_eq!(
            labels(&import),
            vec![
                ("one", "One"),
                ("two", "Two"),
                ("three", "Three"),
                ("four", "Four"),
                ("five", "Five"),
                ("six", "Six")
            ]
        );
        // Many extra categories are counted, not all named.
        let many: String = (0..30).map(|i| format!("t,c{i}\n")).collect();
        let import = read_sheet(&format!("text,category\n{many}"));
        assert!(
            import.problems[0].message.ends_with("\"c15\", and 14 more"),
            "{}",
            import.problems[0]
        );
    }

    #[test]
    fn difficulties_and_kinds() {
        for (cell, want) in [
            ("", Some(None)),
            ("1", Some(Some(1))),
            (" 2 ", Some(Some(2))),
            ("3", Some(Some(3))),
            ("Easy", Some(Some(1))),
            ("MEDIUM", Some(Some(2))),
            ("hard", Some(Some(3))),
            ("0", None),
            ("4", None),
            ("2.5", None),
            ("one", None),
        ] {
            let import = read_sheet(&format!("text,category,difficulty\nt,a,{cell}\n"));
            let got = import.rows.first().map(|r| r.difficulty);
            assert_eq!(got, want, "{cell:?}");
            assert_eq!(import.problems.len(), usize::from(want.is_none()), "{cell:?}");
        }
        for (cell, want) in [
            ("", Some(None)),
            ("claim", Some(Some(Kind::Claim))),
            ("Claim", Some(Some(Kind::Claim))),
            (" SCENARIO ", Some(Some(Kind::Scenario))),
            ("fact", None),
            ("claims", None),
        ] {
            let import = read_sheet(&format!("text,category,kind\nt,a,{cell}\n"));
            let got = import.rows.first().map(|r| r.kind);
            assert_eq!(got, want, "{cell:?}");
        }
    }

    #[test]
    fn ids_are_kept_when_valid_and_unused() {
        let text = "id,text,category\n\
            ship,a,x\n\
            Ship It,b,x\n\
            ship,c,x\n\
            ,d,x\n\
            \" run \",e,x\n\
            -lead,f,x\n";
        let import = read_sheet(text);
        assert_eq!(problems(&import), Vec::<String>::new());
        let ids: Vec<Option<&str>> = import.rows.iter().map(|r| r.id.as_deref()).collect();
        assert_eq!(ids, vec![Some("ship"), None, None, None, Some("run"), None]);
    }

    #[test]
    fn limits_refuse_the_whole_sheet() {
        let big = format!("text,category\n{}", "x".repeat(MAX_SHEET_BYTES));
        let import = read_sheet(&big);
        assert_eq!(
            problems(&import),
            vec!["The sheet is 8388622 bytes; the largest sheet read is 8388608 bytes (8 MiB)"]
        );
        assert!(import.rows.is_empty() && import.categories.is_empty());
        assert_eq!(problems(&read_sheet_bytes(big.as_bytes())), problems(&import));

        let rows = |n: usize| {
            let mut text = String::from("text,category\n");
            for i in 0..n {
                text.push_str(&format!("s{i},c\n"));
                // Blank rows are not statements and do not count.
                text.push_str(",\n");
            }
            text
        };
        let most = read_sheet(&rows(MAX_SHEET_ROWS));
        assert_eq!(most.rows.len(), MAX_SHEET_ROWS);
        assert!(most.problems.is_empty());
        assert_eq!(most.rows.last().map(|r| r.row), Some(2 * MAX_SHEET_ROWS));
        let over = read_sheet(&rows(MAX_SHEET_ROWS + 1));
        assert_eq!(
            problems(&over),
            vec!["The sheet has more than 10000 rows of statements; a deck holds at most 10000, so none were read"]
        );
        assert!(over.rows.is_empty() && over.categories.is_empty());
    }

    #[test]
    fn wide_rows_cost_a_bounded_list() {
        let wide_header = format!("text,category{}\nt,a\n", ",x".repeat(100_000));
        let import = read_sheet(&wide_header);
        assert_eq!(import.problems.len(), MAX_COLUMN_NOTES + 1);
        assert_eq!(brief(&import), vec![(2, "t", "a")]);
        let wide_row = format!("text,category\nt,a{}\nu,a\n", ",x".repeat(100_000));
        let import = read_sheet(&wide_row);
        assert_eq!(problems(&import).len(), 1);
        assert_eq!(brief(&import), vec![(3, "u", "a")]);
    }

    #[test]
    fn bytes_must_be_utf8() {
        let import = read_sheet_bytes(b"text,category\ncaf\xe9,a\n");
        assert_eq!(
            problems(&import),
            vec![
                "The file is not UTF-8 text (invalid byte at offset 17); save it from the spreadsheet as \"CSV UTF-8\""
            ]
        );
        let import = read_sheet_bytes("text;category\ncaf\u{e9};a\n".as_bytes());
        assert_eq!(brief(&import), vec![(2, "caf\u{e9}", "a")]);
    }

    #[test]
    fn problems_display_their_place() {
        let at = |row: Option<usize>, column: Option<(&str, &str)>| SheetProblem {
            row,
            column: column.map(|(letter, name)| SheetColumn {
                letter: letter.into(),
                name: name.into(),
            }),
            message: "is wrong".into(),
        };
        for (problem, want) in [
            (
                at(Some(4), Some(("C", "explanation"))),
                "Row 4, column C (explanation): is wrong",
            ),
            (at(Some(4), Some(("AA", ""))), "Row 4, column AA: is wrong"),
            (at(Some(1), None), "Row 1: is wrong"),
            (at(None, None), "is wrong"),
        ] {
            assert_eq!(problem.to_string(), want);
        }
    }

    /// A cell as a careful CSV writer writes it: quoted when it must be (or when `always`).
    fn quote(cell: &str, specials: &[char], always: bool) -> String {
        let must = cell.contains(['"', '\r', '\n']) || cell.contains(specials) || cell.starts_with('\u{feff}');
        if always || must {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.to_string()
        }
    }

    /// A grid written as CSV: cells quoted as needed, rows ended by `newline`, optionally after
    /// the last row too, after an optional byte-order mark.
    fn write(grid: &[Vec<String>], separator: char, specials: &[char], options: (bool, bool, bool, bool)) -> String {
        let (crlf, last_newline, mark, always) = options;
        let newline = if crlf { "\r\n" } else { "\n" };
        let lines: Vec<String> = grid
            .iter()
            .map(|row| {
                // A row of one empty cell would be a blank line, which is no record at all.
                let always = always || (row.len() == 1 && row[0].is_empty());
                let cells: Vec<String> = row.iter().map(|c| quote(c, specials, always)).collect();
                cells.join(&separator.to_string())
            })
            .collect();
        let mut text = String::from(if mark { "\u{feff}" } else { "" });
        text.push_str(&lines.join(newline));
        if last_newline {
            text.push_str(newline);
        }
        text
    }

    fn cell() -> impl Strategy<Value = String> {
        // Mostly the characters CSV treats specially, so every rule gets exercised.
        proptest::collection::vec(
            prop_oneof![
                4 => proptest::sample::select(vec!['a', 'Z', ' ', '"', ',', ';', '\t', '\r', '\n', '\u{e9}', '\u{feff}', '\u{1f600}']),
                1 => any::<char>(),
            ],
            0..8,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    fn grid(min_cells: usize) -> impl Strategy<Value = Vec<Vec<String>>> {
        proptest::collection::vec(proptest::collection::vec(cell(), min_cells..5), 1..6)
    }

    fn options() -> impl Strategy<Value = (bool, bool, bool, bool)> {
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>())
    }

    /// Checks what the module documentation promises of every import.
    fn check_invariants(import: &SheetImport) {
        assert!(import.categories.len() <= CATEGORY_RANGE.1);
        for c in &import.categories {
            assert!(import.rows.iter().any(|r| r.category == c.id), "{c:?} holds no row");
        }
        let ids: HashSet<&str> = import.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), import.categories.len());
        assert!(import.categories.iter().all(|c| is_slug(&c.id) && !c.label.is_empty()));
        let keys: HashSet<String> = import.categories.iter().map(|c| category_key(&c.label)).collect();
        assert_eq!(keys.len(), import.categories.len());
        let mut row_ids = HashSet::new();
        for r in &import.rows {
            assert!(ids.contains(r.category.as_str()));
            assert!(!is_blank(&r.text) && r.text.chars().count() <= TEXT.max);
            assert!(r.explanation.chars().count() <= EXPLANATION.max);
            assert!(r.quote.chars().count() <= QUOTE.max);
            assert!(r.difficulty.is_none_or(|d| (1..=3).contains(&d)));
            if let Some(id) = &r.id {
                assert!(is_slug(id) && row_ids.insert(id.clone()));
            }
        }
        assert!(import.rows.windows(2).all(|w| w[0].row < w[1].row));
    }

    proptest! {
        #[test]
        fn any_grid_reads_back_cell_for_cell(
            grid in grid(1),
            separator in proptest::sample::select(vec![',', ';', '\t']),
            options in options(),
        ) {
            let text = write(&grid, separator, &[separator], options);
            let read = records(&text, separator as u8);
            let cells: Vec<Vec<String>> = read.iter().map(|(_, cells, _)| cells.clone()).collect();
            prop_assert_eq!(&cells, &grid, "{:?}", text);
            let rows: Vec<usize> = read.iter().map(|(row, _, _)| *row).collect();
            prop_assert_eq!(rows, (1..=grid.len()).collect::<Vec<_>>());
            prop_assert!(read.iter().all(|(_, _, open)| !open));
        }

        #[test]
        fn the_separator_a_writer_used_is_found(
            grid in grid(2),
            separator in proptest::sample::select(vec![',', ';', '\t']),
            options in options(),
        ) {
            // Quoting every separator character lets the first row show only the one used.
            let text = write(&grid, separator, &[',', ';', '\t'], options);
            prop_assert_eq!(detect_separator(&text), separator);
            prop_assert_eq!(read_sheet(&text).separator, separator);
        }

        #[test]
        fn any_text_reads_without_panicking(text in "(?s)[a-zA-Z\u{e9} ,;\t\"\r\n\u{feff}-]{0,200}") {
            check_invariants(&read_sheet(&text));
            let with_header = format!("text,category,explanation,quote,difficulty,kind,id\n{text}");
            check_invariants(&read_sheet(&with_header));
        }

        #[test]
        fn any_bytes_read_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            check_invariants(&read_sheet_bytes(&bytes));
            check_invariants(&read_sheet(&String::from_utf8_lossy(&bytes)));
        }

        #[test]
        fn any_sheet_of_statements_keeps_its_invariants(
            rows in proptest::collection::vec(
                (cell(), cell(), "[0-3]|easy|Hard|x|", "claim|scenario|x|", "[a-z0-9-]{0,3}|[A-Z ]{0,2}"),
                0..30,
            ),
        ) {
            let grid: Vec<Vec<String>> = std::iter::once(
                ["text", "category", "difficulty", "kind", "id"].map(String::from).to_vec(),
            )
            .chain(rows.into_iter().map(|(t, c, d, k, i)| vec![t, c, d, k, i]))
            .collect();
            let text = write(&grid, ',', &[',', ';', '\t'], (false, true, false, false));
            let import = read_sheet(&text);
            check_invariants(&import);
            let total = grid.len() - 1;
            prop_assert!(import.rows.len() <= total);
        }
    }
}

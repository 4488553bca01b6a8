//! Site search: the index the generator writes at build time and the query the browser module
//! runs over it. Pure code, no I/O: the generator gathers the documents (every page's title,
//! section and text) and writes the index file; the browser module reads it back with
//! [`Index::from_parts`] and answers queries with [`Searcher`].
//!
//! # Words
//!
//! [`words`] splits text into words: runs of letters and digits (any non-ASCII character that
//! is not punctuation counts as a letter), with apostrophes, hyphens and other punctuation as
//! separators. Each word is folded with [`fold_into`]: ASCII upper case to lower case and the
//! Latin letters with diacritics councils write (Welsh ŵ and ŷ, French, German, Irish and
//! Scandinavian names) to their base letters (`é` -> `e`, `ß` -> `ss`, `æ` -> `ae`), from a
//! small table rather than Unicode's full case tables. Words of one letter are not indexed
//! (numbers are), nor words longer than [`MAX_WORD`] bytes.
//!
//! # The index format
//!
//! The index has three parts, each a plain list so the file is compact and its bytes depend
//! only on the documents (same documents, same bytes):
//!
//! - `terms`: every folded word, sorted by bytes, joined by single spaces (the dictionary);
//! - `counts`: per term, how many postings it has;
//! - `postings`: the postings of every term in dictionary order, each term's in document
//!   order, each one integer: `(document - previous document) * 2 + in_title`, where the
//!   previous document of a term's first posting is 0 and `in_title` is 1 when the word is in
//!   the document's title (a document has at most one posting per term);
//! - the documents themselves, in order: URL (relative to the site's root), title, section and
//!   text (the page's words for snippets, whitespace collapsed).
//!
//! # Queries
//!
//! A query's words are folded the same way. Each query word matches a term exactly or, for
//! words of [`TYPO_1`] or more letters, with one typo (an edit: a letter added, left out or
//! changed), two from [`TYPO_2`] letters on, among the terms with the same first letter. The
//! last word may be half typed, so it also matches as a prefix (`fost` finds `foster`), and
//! its typos are counted against the term's start (`recrut` finds `recruitment`). A document found by every query
//! word comes first; when none is, the documents found by the most query words are shown
//! instead (and [`Found::partial`] says so). Within those, ranking is by score: each word adds
//! its best match in the document, a title match worth ten times a body match and an exact
//! match more than a prefix, a prefix more than a typo; ties go to the earlier document.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Words longer than this (bytes, folded) are not indexed: they are addresses or codes.
pub const MAX_WORD: usize = 40;
/// Query words this long (characters) or longer match with one typo.
pub const TYPO_1: usize = 4;
/// Query words this long (characters) or longer match with two typos.
pub const TYPO_2: usize = 8;
/// At most this many query words are used.
pub const MAX_QUERY_WORDS: usize = 8;

/// One page as search sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The page's address relative to the site's root (`plan/a1/`).
    pub url: String,
    pub title: String,
    /// The part of the site it belongs to (`Delivery plan`).
    pub section: String,
    /// The page's words, for snippets.
    pub text: String,
}

/// Append `c` folded: lower case, Latin diacritics removed.
pub fn fold_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let s = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => "i",
        'Ł' | 'ł' | 'Ľ' | 'ľ' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' => "s",
        'ß' => "ss",
        'Ť' | 'ť' | 'Ţ' | 'ţ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        _ => {
            out.push(c);
            return;
        }
    };
    out.push_str(s);
}

/// `text` folded: lower case, Latin diacritics removed (see [`fold_into`]).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_into(c, &mut out);
    }
    out
}

/// Whether `c` is part of a word: an ASCII letter or digit, or a non-ASCII character that is
/// not punctuation, a symbol or a space.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !matches!(c,
        '\u{80}'..='\u{BF}' | '×' | '÷' | '\u{2000}'..='\u{2BFF}' | '\u{3000}'..='\u{303F}'
        | '\u{FE00}'..='\u{FE6F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FEFF}')
}

/// The words of `text`: byte range in `text` and folded form, in order.
pub fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    each_word(text, |s, e, w| {
        out.push((s, e, w.to_string()));
        true
    });
    out
}

/// Call `f` with each word of `text` (byte range, folded form) until it returns false; one
/// buffer reused for the folded forms.
fn each_word(text: &str, mut f: impl FnMut(usize, usize, &str) -> bool) {
    let bytes = text.as_bytes();
    let mut folded = String::new();
    let mut start = None;
    let mut i = 0;
    loop {
        // The next character (`None` at the end, which ends the last word): an ASCII one
        // read as its byte, which most text is, else decoded.
        let (c, len) = match bytes.get(i) {
            None => (None, 0),
            Some(&b) if b.is_ascii() => (Some(char::from(b)), 1),
            Some(_) => match text[i..].chars().next() {
                Some(c) => (Some(c), c.len_utf8()),
                None => (None, 0),
            },
        };
        match (c.filter(|&c| is_word_char(c)), start) {
            (Some(c), s) => {
                if s.is_none() {
                    start = Some(i);
                    folded.clear();
                }
                if c.is_ascii() {
                    folded.push(c.to_ascii_lowercase());
                } else {
                    fold_into(c, &mut folded);
                }
            }
            (None, Some(s)) => {
                start = None;
                if !f(s, i, &folded) {
                    return;
                }
            }
            (None, None) => {}
        }
        if c.is_none() {
            return;
        }
        i += len;
    }
}

/// Whether a folded word goes into the index.
fn indexed(word: &str) -> bool {
    word.len() <= MAX_WORD && (word.len() > 1 || word.bytes().all(|b| b.is_ascii_digit()))
}

/// An index made a document at a time, as the documents come (a region's parts, say), so
/// the words are read while other work goes on; [`IndexBuilder::finish`] puts the documents
/// in their final order and gives the same index as [`Index::build`] of them in that order.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    /// Per word (looked up by the borrowed word, so a word already seen costs no
    /// allocation), the documents it is in, numbered as they came.
    map: HashMap<String, Vec<(u32, bool)>, BuildHasherDefault<WordHasher>>,
    docs: Vec<Document>,
}

/// The hasher of [`IndexBuilder`]'s words: multiply and rotate a word at a time (as
/// rustc-hash does), which on a region's build took a third of the instructions the
/// standard hasher (SipHash) did. Its resistance to chosen collisions is not needed here: the
/// words are the site's own, and the map's order never shows (the terms are sorted).
#[derive(Clone, Copy, Debug, Default)]
struct WordHasher(u64);

impl WordHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the high bits best mixed; the table takes its bucket from the
        // low bits.
        self.0.rotate_left(26)
    }
}

impl IndexBuilder {
    /// Read `doc`'s words.
    pub fn add(&mut self, doc: Document) {
        let d = self.docs.len() as u32;
        let map = &mut self.map;
        let mut add = |word: &str, title: bool| {
            if !indexed(word) {
                return true;
            }
            if let Some(list) = map.get_mut(word) {
                match list.last_mut() {
                    Some(last) if last.0 == d => last.1 |= title,
                    _ => list.push((d, title)),
                }
            } else {
                map.insert(word.to_string(), vec![(d, title)]);
            }
            true
        };
        each_word(&doc.title, |_, _, w| add(w, true));
        each_word(&doc.text, |_, _, w| add(w, false));
        self.docs.push(doc);
    }

    /// Add `docs`, some of the documents an index was made of (`read`, by [`Index::build`]):
    /// `at` holds each one's place among `read`'s documents, in the same order. The same as
    /// [`IndexBuilder::add`] of each in turn, without reading their words again: a region's
    /// index takes its members' pages this way, their words read once for their own index.
    pub fn append(&mut self, docs: Vec<Document>, read: &Index, at: &[u32]) {
        let base = self.docs.len();
        let mut renumber = vec![None; read.docs.len()];
        for (i, &place) in at.iter().enumerate() {
            if let Some(slot) = renumber.get_mut(place as usize) {
                *slot = u32::try_from(base + i).ok();
            }
        }
        for (term, list) in read.terms.iter().zip(&read.postings) {
            let mut kept = list.iter().filter_map(|&(d, title)| {
                renumber
                    .get(d as usize)
                    .copied()
                    .flatten()
                    .map(|n| (n, title))
            });
            let Some(first) = kept.next() else {
                continue;
            };
            match self.map.get_mut(term.as_str()) {
                Some(list) => {
                    list.push(first);
                    list.extend(kept);
                }
                None => {
                    let mut list = vec![first];
                    list.extend(kept);
                    self.map.insert(term.clone(), list);
                }
            }
        }
        self.docs.extend(docs);
    }

    /// The index, its documents in the order of `key` (documents with equal keys stay in the
    /// order they came).
    pub fn finish<K: Ord>(mut self, key: impl Fn(&Document) -> K) -> Index {
        let mut order: Vec<u32> = (0..self.docs.len() as u32).collect();
        order.sort_by_cached_key(|&i| key(&self.docs[i as usize]));
        if order
            .iter()
            .enumerate()
            .any(|(new, &old)| new as u32 != old)
        {
            let mut renumber = vec![0u32; order.len()];
            for (new, &old) in order.iter().enumerate() {
                renumber[old as usize] = new as u32;
            }
            for list in self.map.values_mut() {
                for posting in list.iter_mut() {
                    posting.0 = renumber[posting.0 as usize];
                }
                list.sort_unstable_by_key(|p| p.0);
            }
            let mut docs: Vec<Option<Document>> = self.docs.into_iter().map(Some).collect();
            self.docs = order
                .iter()
                .filter_map(|&old| docs[old as usize].take())
                .collect();
        }
        self.finish_in_order()
    }

    /// The index, its documents in the order they came.
    fn finish_in_order(self) -> Index {
        // The terms are sorted here, so the order of the map does not show.
        let mut entries: Vec<(String, Vec<(u32, bool)>)> = self.map.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (terms, postings) = entries.into_iter().unzip();
        Index {
            terms,
            postings,
            docs: self.docs,
        }
    }
}

/// A search index: the dictionary, each term's postings, and the documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    /// Sorted, distinct folded words.
    pub terms: Vec<String>,
    /// Per term, the documents it is in, in order, each with whether it is in the title.
    pub postings: Vec<Vec<(u32, bool)>>,
    pub docs: Vec<Document>,
}

impl Index {
    /// The index of `docs`, in the order given.
    pub fn build(docs: Vec<Document>) -> Index {
        let mut builder = IndexBuilder::default();
        for doc in docs {
            builder.add(doc);
        }
        builder.finish_in_order()
    }

    /// The dictionary as written: terms joined by spaces.
    pub fn terms_text(&self) -> String {
        self.terms.join(" ")
    }

    /// How many postings each term has.
    pub fn counts(&self) -> Vec<u32> {
        self.postings.iter().map(|p| p.len() as u32).collect()
    }

    /// Every posting, encoded (see the module's documentation).
    pub fn encoded_postings(&self) -> Vec<u32> {
        let mut out = Vec::new();
        for list in &self.postings {
            let mut prev = 0;
            for &(d, title) in list {
                out.push((d - prev) * 2 + u32::from(title));
                prev = d;
            }
        }
        out
    }

    /// An index read back from its written parts, or `None` if they do not fit together
    /// (a posting past the last document, counts not adding up, terms out of order).
    pub fn from_parts(
        terms: &str,
        counts: &[u32],
        postings: &[u32],
        docs: Vec<Document>,
    ) -> Option<Index> {
        let terms: Vec<String> = if terms.is_empty() {
            Vec::new()
        } else {
            terms.split(' ').map(str::to_string).collect()
        };
        if terms.len() != counts.len() || terms.windows(2).any(|w| w[0] >= w[1]) {
            return None;
        }
        let mut it = postings.iter().copied();
        let mut lists = Vec::with_capacity(terms.len());
        for &n in counts {
            let mut list = Vec::with_capacity(n as usize);
            let mut doc = 0u32;
            for _ in 0..n {
                let v = it.next()?;
                doc = doc.checked_add(v / 2)?;
                if doc as usize >= docs.len()
                    || list.last().is_some_and(|l: &(u32, bool)| l.0 >= doc)
                {
                    return None;
                }
                list.push((doc, v % 2 == 1));
            }
            lists.push(list);
        }
        if it.next().is_some() {
            return None;
        }
        Some(Index {
            terms,
            postings: lists,
            docs,
        })
    }
}

/// How a query word matched a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Quality {
    Typo = 1,
    Prefix = 2,
    Exact = 3,
}

/// The result of a query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// The documents found, best first.
    pub docs: Vec<u32>,
    /// Whether no document has every query word, so these are the documents with the most.
    pub partial: bool,
}

/// Runs queries over an index, reusing its working space from one query to the next.
#[derive(Debug)]
pub struct Searcher {
    pub index: Index,
    /// Per document: the score of the current query word, the total and the words found.
    word_best: Vec<u32>,
    score: Vec<u32>,
    mask: Vec<u32>,
    /// Per term, whether the last query matched it (for snippets).
    matched: Vec<bool>,
}

/// Whether the edit distance between `word` and `term` is at most `k`, or (with `prefix`)
/// between `word` and some prefix of `term` (bytes compared, on the stack; stops as soon as
/// a row has no cell within `k`). `word` is at most [`MAX_WORD`] bytes.
fn near(word: &[u8], term: &[u8], k: usize, prefix: bool) -> bool {
    const N: usize = MAX_WORD + 4;
    if term.len() + k < word.len() || (!prefix && word.len() + k < term.len()) {
        return false;
    }
    // Against a prefix: no need to look further than the word's length plus k.
    let term = if prefix {
        &term[..term.len().min(word.len() + k)]
    } else {
        term
    };
    if word.len() > MAX_WORD || term.len() >= N {
        return false;
    }
    let mut prev = [0u8; N];
    let mut cur = [0u8; N];
    for (j, p) in prev.iter_mut().enumerate().take(term.len() + 1) {
        *p = j as u8;
    }
    for (i, &w) in word.iter().enumerate() {
        cur[0] = i as u8 + 1;
        let mut best = cur[0];
        for (j, &t) in term.iter().enumerate() {
            let cost = u8::from(w != t);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            best = best.min(cur[j + 1]);
        }
        if usize::from(best) > k {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    if prefix {
        prev[..=term.len()].iter().any(|&d| usize::from(d) <= k)
    } else {
        usize::from(prev[term.len()]) <= k
    }
}

impl Searcher {
    pub fn new(index: Index) -> Searcher {
        let n = index.docs.len();
        Searcher {
            word_best: vec![0; n],
            score: vec![0; n],
            mask: vec![0; n],
            matched: vec![false; index.terms.len()],
            index,
        }
    }

    /// The terms a query word matches and how: exactly; as a prefix of the term (`prefix`,
    /// for the query's last word, which may be half typed); with typos, among the terms that
    /// start with the same letter.
    fn candidates(&self, word: &str, prefix: bool) -> Vec<(usize, Quality)> {
        let terms = &self.index.terms;
        let lo = terms.partition_point(|t| t.as_str() < word);
        let hi = if prefix {
            lo + terms[lo..].partition_point(|t| t.starts_with(word))
        } else {
            lo + usize::from(terms.get(lo).is_some_and(|t| t == word))
        };
        let mut out: Vec<(usize, Quality)> = (lo..hi)
            .map(|i| {
                let q = if terms[i] == word {
                    Quality::Exact
                } else {
                    Quality::Prefix
                };
                (i, q)
            })
            .collect();
        let letters = word.chars().count();
        let k = if letters >= TYPO_2 {
            2
        } else if letters >= TYPO_1 {
            1
        } else {
            0
        };
        let w = word.as_bytes();
        if k > 0 && !w.is_empty() {
            // The terms starting with the word's first byte.
            let first = w[0];
            let from = terms.partition_point(|t| t.as_bytes().first() < Some(&first));
            let to = from + terms[from..].partition_point(|t| t.as_bytes().first() == Some(&first));
            for (i, t) in terms.iter().enumerate().take(to).skip(from) {
                if (lo..hi).contains(&i) {
                    continue;
                }
                if near(w, t.as_bytes(), k, prefix) {
                    out.push((i, Quality::Typo));
                }
            }
        }
        out
    }

    /// The documents matching `query`, best first.
    pub fn search(&mut self, query: &str) -> Found {
        let mut qwords: Vec<String> = Vec::new();
        for (_, _, w) in words(query) {
            if !qwords.contains(&w) && qwords.len() < MAX_QUERY_WORDS {
                qwords.push(w);
            }
        }
        self.matched.iter_mut().for_each(|m| *m = false);
        let mut touched: Vec<u32> = Vec::new();
        for (wi, word) in qwords.iter().enumerate() {
            let mut here: Vec<u32> = Vec::new();
            let last = wi + 1 == qwords.len();
            for (t, quality) in self.candidates(word, last) {
                self.matched[t] = true;
                for &(d, title) in &self.index.postings[t] {
                    let s = quality as u32 * if title { 10 } else { 1 };
                    let best = &mut self.word_best[d as usize];
                    if *best == 0 {
                        here.push(d);
                    }
                    *best = (*best).max(s);
                }
            }
            for d in here {
                let d = d as usize;
                if self.mask[d] == 0 {
                    touched.push(d as u32);
                }
                self.score[d] += self.word_best[d];
                self.mask[d] |= 1 << wi;
                self.word_best[d] = 0;
            }
        }
        let most = touched
            .iter()
            .map(|&d| self.mask[d as usize].count_ones())
            .max()
            .unwrap_or(0);
        // Best score first, then document order: one key per document, sorted as integers.
        let mut keys: Vec<u64> = touched
            .iter()
            .filter(|&&d| self.mask[d as usize].count_ones() == most)
            .map(|&d| u64::from(u32::MAX - self.score[d as usize]) << 32 | u64::from(d))
            .collect();
        keys.sort_unstable();
        let docs: Vec<u32> = keys.into_iter().map(|k| k as u32).collect();
        for &d in &touched {
            self.score[d as usize] = 0;
            self.mask[d as usize] = 0;
        }
        Found {
            partial: !docs.is_empty() && (most as usize) < qwords.len(),
            docs,
        }
    }

    /// A snippet of document `doc`'s text around the first word the last query matched, as
    /// pieces: plain text and matched words alternating (the first piece plain, possibly
    /// empty). About `width` bytes; `…` marks text left out. The start of the text when no
    /// word of it matched (the title did).
    pub fn snippet(&self, doc: usize, width: usize) -> Vec<String> {
        let Some(d) = self.index.docs.get(doc) else {
            return Vec::new();
        };
        let text = d.text.as_str();
        // The matched words, up to a snippet's width past the first.
        let mut hits: Vec<(usize, usize)> = Vec::new();
        each_word(text, |s, e, w| {
            if hits.first().is_some_and(|h| s > h.0 + width) {
                return false;
            }
            if self
                .index
                .terms
                .binary_search_by(|t| t.as_str().cmp(w))
                .is_ok_and(|t| self.matched[t])
            {
                hits.push((s, e));
            }
            true
        });
        let (first, first_end) = hits.first().copied().unwrap_or((0, 0));
        // Start a little before the first match, at a word's start.
        let mut start = first.saturating_sub(width / 3);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        if start > 0 {
            start = text[start..]
                .find(' ')
                .map_or(first, |sp| (start + sp + 1).min(first));
        }
        // End about `width` on, at a word's end, never inside the first match.
        let mut end = (start + width).max(first_end).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        if end < text.len()
            && let Some(sp) = text[start..end].rfind(' ')
            && start + sp >= first_end
        {
            end = start + sp;
        }
        let mut pieces = Vec::new();
        let mut plain = String::new();
        if start > 0 {
            plain.push('…');
        }
        let mut at = start;
        for &(s, e) in &hits {
            if s < start || e > end {
                continue;
            }
            plain.push_str(&text[at..s]);
            pieces.push(std::mem::take(&mut plain));
            pieces.push(text[s..e].to_string());
            at = e;
        }
        plain.push_str(&text[at..end]);
        if end < text.len() {
            plain.push('…');
        }
        pieces.push(plain);
        pieces
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The words of `text` as the first, character-at-a-time reading found them.
    fn words_by_char(text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut start = None;
        let mut folded = String::new();
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (is_word_char(c) && i < text.len(), start) {
                (true, None) => {
                    start = Some(i);
                    folded.clear();
                    fold_into(c, &mut folded);
                }
                (true, Some(_)) => fold_into(c, &mut folded),
                (false, Some(s)) => {
                    start = None;
                    out.push((s, i, folded.clone()));
                }
                (false, None) => {}
            }
        }
        out
    }

    #[test]
    fn words_read_a_byte_at_a_time_where_ascii_are_the_words_read_by_character() {
        for text in [
            "",
            " ",
            "a",
            "é",
            "Ŵ",
            "café",
            "Æsir straße—ÉCOLE, 2024/25 ×3 £1,200 € naïve 😀 x😀y 中文 end.",
            "\u{FEFF}BOM and\u{00A0}nbsp\ttab\nline ß",
            "trailing multibyte ñ",
        ] {
            assert_eq!(words(text), words_by_char(text), "{text:?}");
        }
    }

    #[test]
    fn the_word_hasher_spreads_words_over_the_table() {
        use std::hash::BuildHasher;
        // Words as a site has them: short, sharing prefixes, numbers.
        let words: Vec<String> = (0..4096)
            .map(|i| match i % 3 {
                0 => format!("placement{i}"),
                1 => format!("{i}"),
                _ => format!("w{}", i * 7),
            })
            .collect();
        let build = BuildHasherDefault::<WordHasher>::default();
        let mut buckets = vec![0u32; 1024];
        for w in &words {
            buckets[(build.hash_one(w.as_str()) & 1023) as usize] += 1;
        }
        // 4 per bucket on average; a hasher that left the low bits unmixed piles them up.
        let fullest = buckets.iter().copied().max().unwrap_or(0);
        assert!(fullest <= 16, "fullest bucket {fullest}");
        assert!(buckets.iter().filter(|&&n| n == 0).count() < 100);
    }

    fn doc(url: &str, title: &str, text: &str) -> Document {
        Document {
            url: url.into(),
            title: title.into(),
            section: "Pages".into(),
            text: text.into(),
        }
    }

    #[test]
    fn an_index_made_as_documents_come_is_the_index_of_them_in_order() {
        let docs = [
            doc(
                "c/",
                "Foster care",
                "Carers for older children in Northbrook",
            ),
            doc("a/", "Homes", "Children's homes near home; foster carers"),
            doc("b/", "Northbrook", "Older children, homes and care"),
            doc(
                "a/",
                "Homes again",
                "Same address: kept in the order it came",
            ),
        ];
        let mut builder = IndexBuilder::default();
        for d in docs.iter().cloned() {
            builder.add(d);
        }
        let made = builder.finish(|d| d.url.clone());
        let mut sorted = docs.to_vec();
        sorted.sort_by(|a, b| a.url.cmp(&b.url));
        let expected = Index::build(sorted);
        assert_eq!(made.terms, expected.terms);
        assert_eq!(made.postings, expected.postings);
        assert_eq!(made.docs, expected.docs);
        assert_eq!(made.docs[1].title, "Homes again");
        let homes = made.terms.iter().position(|t| t == "homes").unwrap();
        assert_eq!(made.postings[homes], [(0, true), (1, true), (2, false)]);
    }

    #[test]
    fn documents_appended_with_their_words_read_are_as_if_added_one_by_one() {
        let first = [doc(
            "z/",
            "Region",
            "Homes across the region; older children",
        )];
        let member = [
            doc("m/a/", "Foster care", "Carers for older children"),
            doc("m/editions/", "Editions", "Earlier editions, left out"),
            doc("m/b/", "Homes", "Children's homes and foster carers"),
            doc("m/c/", "Leaving care", "Homes for care leavers"),
        ];
        let read = Index::build(member.to_vec());
        let kept: Vec<Document> = [0, 2, 3].iter().map(|&i| member[i].clone()).collect();

        let mut added = IndexBuilder::default();
        let mut appended = IndexBuilder::default();
        for d in &first {
            added.add(d.clone());
            appended.add(d.clone());
        }
        for d in &kept {
            added.add(d.clone());
        }
        appended.append(kept.clone(), &read, &[0, 2, 3]);
        let (added, appended) = (
            added.finish(|d| d.url.clone()),
            appended.finish(|d| d.url.clone()),
        );
        assert_eq!(appended.terms, added.terms);
        assert_eq!(appended.postings, added.postings);
        assert_eq!(appended.docs, added.docs);
        // A word only the left-out page had is not in the index.
        assert!(!appended.terms.iter().any(|t| t == "editions"));
        let homes = appended.terms.iter().position(|t| t == "homes").unwrap();
        assert_eq!(
            appended.postings[homes],
            [(1, true), (2, false), (3, false)]
        );
    }

    fn searcher() -> Searcher {
        Searcher::new(Index::build(vec![
            doc(
                "a/",
                "Recruit foster carers",
                "More carers in the county by 2027.",
            ),
            doc(
                "b/",
                "Residential homes",
                "Open two homes for children with foster families nearby.",
            ),
            doc(
                "c/",
                "Care leavers",
                "Support for care leavers into work and homes.",
            ),
            doc(
                "d/",
                "Ysgol Gymraeg",
                "Darpariaeth ŵyr a phlant; café in Ærøskøbing.",
            ),
        ]))
    }

    fn urls(s: &mut Searcher, q: &str) -> Vec<String> {
        s.search(q)
            .docs
            .iter()
            .map(|&d| s.index.docs[d as usize].url.clone())
            .collect()
    }

    #[test]
    fn words_are_split_and_folded() {
        let w: Vec<String> = words("Children's Homes—ŴYR, café 2024/25 Æsir straße")
            .into_iter()
            .map(|w| w.2)
            .collect();
        assert_eq!(
            w,
            [
                "children", "s", "homes", "wyr", "cafe", "2024", "25", "aesir", "strasse"
            ]
        );
        let (s, e, _) = &words("  Foster carers")[1];
        assert_eq!(&"  Foster carers"[*s..*e], "carers");
        assert_eq!(fold("ÉCOLE Ŷ"), "ecole y");
    }

    #[test]
    fn one_letter_words_are_not_indexed_but_numbers_are() {
        let i = Index::build(vec![doc("a/", "A b", "7 in 2024 x")]);
        assert_eq!(i.terms, ["2024", "7", "in"]);
    }

    #[test]
    fn exact_and_prefix_words_match() {
        let mut s = searcher();
        assert_eq!(urls(&mut s, "carers"), ["a/"]);
        assert_eq!(urls(&mut s, "fost"), ["a/", "b/"], "title match first");
        assert_eq!(urls(&mut s, "HOMES"), ["b/", "c/"]);
        assert_eq!(urls(&mut s, "wyr"), ["d/"]);
        assert_eq!(
            urls(&mut s, "Ŵyr café"),
            ["d/"],
            "diacritics fold in queries"
        );
        assert_eq!(urls(&mut s, "aeroskobing"), ["d/"]);
        assert_eq!(
            urls(&mut s, "carers fost"),
            ["a/"],
            "the last word as a prefix"
        );
        assert!(
            s.search("fost carers").partial,
            "earlier words are whole words"
        );
        assert!(urls(&mut s, "").is_empty());
        assert!(urls(&mut s, "zebra").is_empty());
    }

    #[test]
    fn typos_are_tolerated_by_length() {
        let mut s = searcher();
        assert_eq!(
            urls(&mut s, "fsoter"),
            Vec::<String>::new(),
            "two edits in a short word"
        );
        assert_eq!(urls(&mut s, "fostr"), ["a/", "b/"], "one edit");
        assert_eq!(urls(&mut s, "resdential"), ["b/"]);
        assert_eq!(
            urls(&mut s, "residnetial"),
            ["b/"],
            "two edits in 8+ letters"
        );
        assert!(
            urls(&mut s, "hme").is_empty(),
            "no typos under four letters"
        );
        assert_eq!(urls(&mut s, "recrut"), ["a/"], "a typo against a prefix");
    }

    #[test]
    fn every_word_is_required_then_the_most() {
        let mut s = searcher();
        assert_eq!(urls(&mut s, "homes foster"), ["b/"]);
        let f = s.search("homes foster");
        assert!(!f.partial);
        let f = s.search("homes zebra");
        assert!(f.partial, "no page has both");
        assert_eq!(f.docs.len(), 2);
        assert!(!s.search("zebra").partial);
    }

    #[test]
    fn title_matches_rank_above_body_matches() {
        let mut s = searcher();
        // "homes" is b's title and c's body; "care" exact in c's title.
        assert_eq!(urls(&mut s, "homes"), ["b/", "c/"]);
        assert_eq!(
            urls(&mut s, "care")[..2],
            ["c/", "a/"],
            "exact title above prefix body (then d's typo, café)"
        );
    }

    #[test]
    fn snippets_mark_the_matches() {
        let mut s = searcher();
        s.search("foster");
        assert_eq!(
            s.snippet(1, 200),
            [
                "Open two homes for children with ",
                "foster",
                " families nearby."
            ]
        );
        // A title match only: the start of the text.
        assert_eq!(s.snippet(0, 200), ["More carers in the county by 2027."]);
        let long = Searcher::new(Index::build(vec![doc(
            "x/",
            "X",
            &format!("{}needle {}", "word ".repeat(40), "tail ".repeat(40)),
        )]));
        let mut long = long;
        long.search("needle");
        let p = long.snippet(0, 60);
        assert_eq!(p.len(), 3);
        assert!(p[0].starts_with('…') && p[0].ends_with("word "), "{p:?}");
        assert_eq!(p[1], "needle");
        assert!(p[2].ends_with('…') && p[2].len() < 60, "{p:?}");
        assert!(s.snippet(99, 10).is_empty());
        // Cuts never fall inside a character.
        let mut wide = Searcher::new(Index::build(vec![doc(
            "w/",
            "W",
            &format!("{}needle {}", "é–’ ".repeat(30), "ŵ’ ".repeat(30)),
        )]));
        wide.search("needle");
        for width in 1..80 {
            let p = wide.snippet(0, width);
            assert!(p.concat().contains("needle"), "{width}: {p:?}");
        }
    }

    #[test]
    fn the_written_index_reads_back_the_same() {
        let s = searcher();
        let i = &s.index;
        let back = Index::from_parts(
            &i.terms_text(),
            &i.counts(),
            &i.encoded_postings(),
            i.docs.clone(),
        )
        .unwrap();
        assert_eq!(&back, i);
        assert!(
            Index::from_parts("b a", &[0, 0], &[], vec![]).is_none(),
            "order"
        );
        assert!(
            Index::from_parts("a", &[1], &[2], vec![]).is_none(),
            "no document"
        );
        assert!(
            Index::from_parts("a", &[1], &[0, 0], i.docs.clone()).is_none(),
            "extra"
        );
        assert!(
            Index::from_parts("a", &[2], &[0, 0], i.docs.clone()).is_none(),
            "repeat"
        );
        assert_eq!(
            Index::from_parts("", &[], &[], vec![]),
            Some(Index::default())
        );
    }

    #[test]
    fn the_index_is_deterministic() {
        let a = searcher().index;
        let b = searcher().index;
        assert_eq!(a.terms_text(), b.terms_text());
        assert_eq!(a.encoded_postings(), b.encoded_postings());
        assert!(a.terms.windows(2).all(|w| w[0] < w[1]));
        // "foster": a's title (doc 0, title) then b's body (doc 1): deltas 0*2+1, 1*2+0.
        let t = a.terms.iter().position(|t| t == "foster").unwrap();
        let start: u32 = a.counts()[..t].iter().sum();
        assert_eq!(
            &a.encoded_postings()[start as usize..start as usize + 2],
            [1, 2]
        );
    }
}

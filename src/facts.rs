//! Fact sheets: the values and spellings a desk keeps for a story, as TOML, that every
//! draft is checked against (`crosscheck check --facts facts.toml`, or `facts = [...]` in
//! `crosscheck.toml`).
//!
//! ```toml
//! [sheet]
//! title = "Canada in Iraq, January 2020"
//! source = "the desk's fact box"     # the default source of every fact
//! date = 2020-01-15                    # the default date of every fact
//!
//! [[facts]]
//! key = "american troops"              # a claim key, as `crosscheck claims` shows it
//! value = 5200
//! tolerance = 0                        # absolute, or "5%"
//! source = "Pentagon"
//!
//! [[facts]]
//! pattern = '(?i)including {value} canadians'
//! value = 57
//!
//! [[facts]]
//! spelling = "Adel Abdul-Mahdi"        # covers every spelling of this name
//! title = "prime minister"             # and, optionally, the person's title
//! ```
//!
//! A mistake in a sheet is reported as a diagnostic pointing into the TOML, as for rule
//! packs.

use std::ops::Range;
use std::path::Path;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::diag::SpanError;
use crate::entities::{Entity, NameRules, Spelling, variation};
use crate::extract::{Claim, ClaimKind};
use crate::source::Source;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetFile {
    #[serde(default)]
    sheet: SheetMeta,
    #[serde(default)]
    facts: Vec<Spanned<FactDef>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetMeta {
    title: Option<String>,
    source: Option<String>,
    date: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactDef {
    key: Option<Spanned<String>>,
    pattern: Option<Spanned<String>>,
    value: Option<Spanned<toml::Value>>,
    tolerance: Option<Spanned<toml::Value>>,
    spelling: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    source: Option<String>,
    date: Option<Spanned<toml::Value>>,
    note: Option<String>,
}

/// One loaded fact sheet.
#[derive(Debug, Clone)]
pub struct FactSheet {
    /// The path as shown in reports.
    pub path: String,
    pub title: Option<String>,
    pub facts: Vec<Fact>,
}

/// Which claims a fact covers.
#[derive(Debug, Clone)]
pub enum Covers {
    /// Quantities with this key.
    Key(String),
    /// Quantities whose figure a pattern's `{value}` holds.
    Pattern(Regex),
    /// Names written as a variant of the fact's spelling.
    Names,
    /// Names the pattern matches whole.
    NamePattern(Regex),
}

/// What a fact asserts.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// A figure, within `low..=high` (the value plus or minus its tolerance).
    Value { value: f64, low: f64, high: f64 },
    /// A name's exact spelling, and optionally the person's title.
    Spelling { text: String, title: Option<String> },
}

/// One fact.
#[derive(Debug, Clone)]
pub struct Fact {
    pub covers: Covers,
    pub expect: Expect,
    pub source: Option<String>,
    pub date: Option<jiff::civil::Date>,
    pub note: Option<String>,
    /// 1-based line of the fact in its sheet.
    pub line: usize,
}

impl Fact {
    /// The spelling the fact gives, for a name fact.
    pub fn spelling(&self) -> Option<&str> {
        match &self.expect {
            Expect::Spelling { text, .. } => Some(text),
            Expect::Value { .. } => None,
        }
    }

    /// `(source: Pentagon, 2020-01-15)`, or nothing when neither is given.
    pub fn provenance(&self) -> String {
        match (&self.source, self.date) {
            (Some(s), Some(d)) => format!(" (source: {s}, {d})"),
            (Some(s), None) => format!(" (source: {s})"),
            (None, Some(d)) => format!(" (dated {d})"),
            (None, None) => String::new(),
        }
    }
}

impl FactSheet {
    /// Whether a fact is found by a pattern over the texts' prose, which needs every text
    /// and its prose ranges when the checks run (so they are not let go, see
    /// [`crate::Options::release_texts`]).
    pub fn reads_texts(&self) -> bool {
        self.facts
            .iter()
            .any(|f| matches!(f.covers, Covers::Pattern(_)))
    }

    /// Load and validate a fact sheet.
    pub fn load(path: &Path) -> Result<FactSheet, crate::Error> {
        let name = crate::walk::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| crate::Error::Io {
            path: name.clone(),
            message: crate::io_message(&e),
        })?;
        FactSheet::parse(&name, &text).map_err(crate::Error::Facts)
    }

    /// Parse a sheet's text; `path` names it in reports.
    pub fn parse(path: &str, text: &str) -> Result<FactSheet, Vec<SpanError>> {
        let file: SheetFile = toml::from_str(text).map_err(|e| {
            vec![SpanError::from_toml(
                path,
                text,
                &e,
                "see the README's section on fact sheets for the format",
            )]
        })?;
        let mut errors = Vec::new();
        let mut err = |span: Range<usize>, msg: String, label: &str, help: Option<String>| {
            errors.push(SpanError::new(path, text, Some(span), msg, label, help));
        };
        let default_date = match &file.sheet.date {
            Some(d) => date_of(d, &mut err),
            None => None,
        };
        let mut facts = Vec::new();
        for def in &file.facts {
            let span = def.span();
            let line = text[..span.start.min(text.len())]
                .bytes()
                .filter(|&b| b == b'\n')
                .count()
                + 1;
            let d = def.get_ref();
            let date = match &d.date {
                Some(v) => date_of(v, &mut err),
                None => default_date,
            };
            let expect = match (&d.value, &d.spelling) {
                (Some(_), Some(s)) => {
                    err(
                        s.span(),
                        "a fact gives a value or a spelling, not both".into(),
                        "second one",
                        None,
                    );
                    continue;
                }
                (None, None) => {
                    err(
                        span.start..span.start + 9.min(span.len()),
                        "a fact needs a `value` (a figure) or a `spelling` (a name)".into(),
                        "in this fact",
                        None,
                    );
                    continue;
                }
                (Some(v), None) => {
                    let Some(value) = number(v.get_ref()) else {
                        err(
                            v.span(),
                            "a fact's value must be a number".into(),
                            "not a number",
                            Some("write `value = 5200`; put a name in `spelling`".into()),
                        );
                        continue;
                    };
                    let (low, high) = match &d.tolerance {
                        None => (value, value),
                        Some(t) => match tolerance(t.get_ref(), value) {
                            Some(tol) => (value - tol, value + tol),
                            None => {
                                err(
                                    t.span(),
                                    "a tolerance is a number (`25`) or a percentage (`\"5%\"`), not negative".into(),
                                    "this tolerance",
                                    None,
                                );
                                continue;
                            }
                        },
                    };
                    if d.title.is_some() {
                        err(
                            d.title.as_ref().map(|t| t.span()).unwrap_or(span.clone()),
                            "a title belongs with a `spelling`, not a `value`".into(),
                            "here",
                            None,
                        );
                        continue;
                    }
                    Expect::Value { value, low, high }
                }
                (None, Some(s)) => {
                    if s.get_ref().trim().is_empty() {
                        err(
                            s.span(),
                            "a spelling may not be empty".into(),
                            "empty",
                            None,
                        );
                        continue;
                    }
                    if let Some(t) = &d.tolerance {
                        err(
                            t.span(),
                            "a tolerance belongs with a `value`".into(),
                            "here",
                            None,
                        );
                        continue;
                    }
                    Expect::Spelling {
                        text: s.get_ref().split_whitespace().collect::<Vec<_>>().join(" "),
                        title: d.title.as_ref().map(|t| t.get_ref().trim().to_string()),
                    }
                }
            };
            let covers = match (&d.key, &d.pattern, &expect) {
                (Some(k), Some(_), _) => {
                    err(
                        k.span(),
                        "a fact covers claims by `key` or by `pattern`, not both".into(),
                        "here",
                        None,
                    );
                    continue;
                }
                (Some(k), None, Expect::Value { .. }) => {
                    let key = crate::rules::normalize_phrase(k.get_ref());
                    if key.is_empty() {
                        err(k.span(), "a key may not be empty".into(), "empty", None);
                        continue;
                    }
                    Covers::Key(key)
                }
                (None, Some(p), Expect::Value { .. }) => {
                    match crate::rules::compile_key_pattern(p.get_ref()) {
                        Ok(re) => Covers::Pattern(re),
                        Err(msg) => {
                            err(
                                p.span(),
                                "invalid pattern".into(),
                                "this pattern",
                                Some(msg),
                            );
                            continue;
                        }
                    }
                }
                (None, None, Expect::Value { .. }) => {
                    err(
                        d.value.as_ref().map(|v| v.span()).unwrap_or(span.clone()),
                        "a value needs a `key` or a `pattern` saying which claims it covers".into(),
                        "covers no claim",
                        Some("`crosscheck claims` shows each claim's key".into()),
                    );
                    continue;
                }
                (Some(k), None, Expect::Spelling { .. }) => {
                    err(
                        k.span(),
                        "a spelling covers names; give a `pattern` for them, or nothing to cover every spelling of the name".into(),
                        "not for names",
                        None,
                    );
                    continue;
                }
                (None, Some(p), Expect::Spelling { .. }) => {
                    match regex::RegexBuilder::new(&format!("^(?:{})$", p.get_ref()))
                        .size_limit(1 << 20)
                        .build()
                    {
                        Ok(re) => Covers::NamePattern(re),
                        Err(e) => {
                            let msg = e.to_string();
                            let last = msg.lines().last().unwrap_or("").trim().to_string();
                            err(
                                p.span(),
                                "invalid pattern".into(),
                                "this pattern",
                                Some(format!("the regular expression is invalid: {last}")),
                            );
                            continue;
                        }
                    }
                }
                (None, None, Expect::Spelling { .. }) => Covers::Names,
            };
            facts.push(Fact {
                covers,
                expect,
                source: d.source.clone().or_else(|| file.sheet.source.clone()),
                date,
                note: d.note.clone(),
                line,
            });
        }
        if errors.is_empty() {
            Ok(FactSheet {
                path: path.to_string(),
                title: file.sheet.title,
                facts,
            })
        } else {
            Err(errors)
        }
    }
}

fn number(v: &toml::Value) -> Option<f64> {
    match v {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}

/// An absolute tolerance from `25` or `"5%"` (of `value`).
fn tolerance(v: &toml::Value, value: f64) -> Option<f64> {
    let t = match v {
        toml::Value::String(s) => {
            let p: f64 = s.trim().strip_suffix('%')?.trim().parse().ok()?;
            value.abs() * p / 100.0
        }
        other => number(other)?,
    };
    (t.is_finite() && t >= 0.0).then_some(t)
}

fn date_of(
    v: &Spanned<toml::Value>,
    err: &mut impl FnMut(Range<usize>, String, &str, Option<String>),
) -> Option<jiff::civil::Date> {
    let s = match v.get_ref() {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) => d.to_string(),
        _ => String::new(),
    };
    let d = crate::source::parse_iso_date(&s);
    if d.is_none() {
        err(
            v.span(),
            format!("`{s}` is not a date"),
            "expected YYYY-MM-DD",
            None,
        );
    }
    d
}

/// Whether a name fact's spelling names this entity: one of its spellings is the fact's,
/// or a variant of it.
pub fn names_match(spelling: &str, e: &Entity, rules: &NameRules) -> bool {
    let person = e.person || spelling.contains(' ');
    let fact = Spelling::new(spelling, person, rules);
    e.spellings.iter().any(|s| {
        s.text == spelling
            || variation(&fact, &Spelling::new(&s.text, e.person, rules), rules).is_some()
    })
}

/// Which claims each fact covers: `(sheet, fact, claim)`, in claim order. Reads the
/// sources for facts given by pattern, as extraction reads them for rule keys.
pub fn coverage(
    sheets: &[FactSheet],
    sources: &[Source],
    claims: &[Claim],
    entities: &crate::entities::Entities,
    rules: &NameRules,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (si, sheet) in sheets.iter().enumerate() {
        for (fi, fact) in sheet.facts.iter().enumerate() {
            match &fact.covers {
                Covers::Key(k) => {
                    for (ci, c) in claims.iter().enumerate() {
                        if c.quantity().and_then(|q| q.key.as_deref()) == Some(k.as_str()) {
                            out.push((si, fi, ci));
                        }
                    }
                }
                Covers::Pattern(re) => {
                    for (id, s) in sources.iter().enumerate() {
                        let lo = claims.partition_point(|c| c.source_id() < id);
                        let hi = claims.partition_point(|c| c.source_id() <= id);
                        let own = &claims[lo..hi];
                        let scan = s.scan_text();
                        for caps in re.captures_iter(&scan) {
                            let Some(v) = caps.name("value") else {
                                continue;
                            };
                            for (k, c) in own.iter().enumerate() {
                                if c.quantity().is_some()
                                    && c.figure.start() < v.end()
                                    && v.start() < c.figure.end()
                                {
                                    out.push((si, fi, lo + k));
                                }
                            }
                        }
                    }
                }
                Covers::Names => {
                    let Some(spelling) = fact.spelling() else {
                        continue;
                    };
                    for e in &entities.groups {
                        if names_match(spelling, e, rules) {
                            for s in &e.spellings {
                                out.extend(s.claims.iter().map(|&c| (si, fi, c)));
                            }
                        }
                    }
                }
                Covers::NamePattern(re) => {
                    for (ci, c) in claims.iter().enumerate() {
                        if let ClaimKind::Name(n) = &c.kind
                            && n.refers_to.is_none()
                            && re.is_match(&n.text)
                        {
                            out.push((si, fi, ci));
                        }
                    }
                }
            }
        }
    }
    out.sort_by_key(|&(s, f, c)| (c, s, f));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_error(text: &str) -> SpanError {
        FactSheet::parse("facts.toml", text)
            .expect_err("should fail")
            .remove(0)
    }

    fn spanned<'a>(text: &'a str, e: &SpanError) -> &'a str {
        let s = e.span.unwrap();
        &text[s.offset()..s.offset() + s.len()]
    }

    #[test]
    fn a_sheet_loads() {
        let text = "[sheet]\nsource = \"desk\"\ndate = 2020-01-15\n\n[[facts]]\nkey = \"American troops\"\nvalue = 5200\ntolerance = \"5%\"\n\n[[facts]]\nspelling = \"Adel Abdul-Mahdi\"\ntitle = \"prime minister\"\nsource = \"wire\"\n";
        let s = FactSheet::parse("facts.toml", text).unwrap();
        assert_eq!(s.facts.len(), 2);
        assert_eq!(
            s.facts[0].expect,
            Expect::Value {
                value: 5200.0,
                low: 4940.0,
                high: 5460.0
            }
        );
        assert!(matches!(&s.facts[0].covers, Covers::Key(k) if k == "american troops"));
        assert_eq!(s.facts[0].provenance(), " (source: desk, 2020-01-15)");
        assert_eq!(s.facts[1].spelling(), Some("Adel Abdul-Mahdi"));
        assert_eq!(s.facts[1].line, 10);
    }

    #[test]
    fn mistakes_point_into_the_sheet() {
        let text = "[[facts]]\nkey = \"troops\"\nvalue = \"lots\"\n";
        let e = first_error(text);
        assert!(e.message.contains("must be a number"), "{}", e.message);
        assert_eq!(spanned(text, &e), "\"lots\"");
        let text = "[[facts]]\npattern = '{value} (troops'\nvalue = 5\n";
        let e = first_error(text);
        assert!(e.message.contains("invalid pattern"));
        let text = "[[facts]]\nvalue = 5\n";
        assert!(
            first_error(text)
                .message
                .contains("needs a `key` or a `pattern`")
        );
        let text = "[[facts]]\nkey = \"k\"\nvalue = 5\ntolerance = -1\n";
        assert!(first_error(text).message.contains("tolerance"));
        let text = "[[facts]]\nkey = \"k\"\nvalue = 5\ndate = \"soon\"\n";
        let e = first_error(text);
        assert_eq!(spanned(text, &e), "\"soon\"");
        let text = "[[facts]]\nkye = \"k\"\n";
        assert!(first_error(text).message.contains("unknown field"));
    }
}

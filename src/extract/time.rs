//! Dates and durations: `March 4, 2019`, `Monday, Mar. 4`, `the spring of 2011`, `last
//! Friday`, `three days ago`, `since 2011`, `the six-year-old conflict`, `for the past four
//! years`.
//!
//! One pass over the tokens of a source's prose. The words (months, weekdays, seasons,
//! relative words, units, the words that give a date its role) are in `rules/time.toml`;
//! this module puts them together, and resolves relative dates against the source's date
//! with jiff's calendar arithmetic.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use super::scan::{Kind, Text, Tok};
use super::sentence::Sentences;
use super::{Claim, ClaimKind, Qualifier, lexicon};
use super::{Span, index32};
use crate::rules::{HedgeKind, Rules};
use crate::source::{Source, SourceId};

// ----- what is extracted ---------------------------------------------------------------

/// What a date is in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateRole {
    /// Any date a text mentions.
    Mention,
    /// The text's own publication date (`first published on January 13, 2020`).
    Publication,
    /// A date in a photo caption.
    Caption,
    /// A date in the caption of an archive picture (`File photo`), which may be anything.
    Archive,
    /// The start of what the sentence names (`the war began in 2011`).
    Start,
}

/// How a relative date is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelativeKind {
    /// A number of days, weeks or years from the source's date (`yesterday`, `three days
    /// ago`, `two years ago today`).
    Offset,
    /// `last Friday`, `last week`.
    Last,
    /// `this Thursday`, `this week`.
    This,
    /// `next Monday`.
    Next,
    /// A weekday alone (`on Thursday`): the nearest one, before or after.
    Bare,
}

/// A relative date as written and what it was resolved against.
#[derive(Debug, Clone, PartialEq)]
pub struct Relative {
    /// The expression as written (`last Friday`, `three days ago`).
    pub phrase: Arc<str>,
    pub kind: RelativeKind,
    /// The source's date the expression counts from.
    pub anchor: Date,
    /// The days the expression can mean, first and last (`last Friday` may be either of
    /// the two Fridays before the anchor).
    pub first: Date,
    pub last: Date,
}

/// A date, as precise as the text makes it: a year, a month, a season or a day.
#[derive(Debug, Clone, PartialEq)]
pub struct DateClaim {
    pub year: Option<i16>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    /// The weekday the text states, if it states one.
    pub weekday: Option<Weekday>,
    /// Whether the year is written (else it was resolved from the source's date, or is
    /// unknown).
    pub year_stated: bool,
    /// Whether the day of the month is written (else it was resolved, as for `last
    /// Friday`, or the date is a month, a season or a year).
    pub day_stated: bool,
    pub relative: Option<Relative>,
    /// The first and last day the date covers, when its year is known.
    pub first: Option<Date>,
    pub last: Option<Date>,
    pub role: DateRole,
    /// What few dates have: a season, an event, a clause's words (boxed, so that the
    /// dates without stay small).
    pub notes: Option<Box<DateNotes>>,
}

/// What few dates have.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateNotes {
    /// The season's name (`spring`), when the date is a season.
    pub season: Option<Box<str>>,
    /// The event the date belongs to (`crash` in `the crash on January 8`), by its noun.
    pub event: Option<Box<str>>,
    /// What the sentence's clause names, for a start date (`war` in `the war began in
    /// 2011`), normalised through the kin groups of the vocabulary. (The date a `since`
    /// counts from leaves it to its duration.)
    pub context: ClauseWords,
}

/// The normalised content words of a clause (see [`DateNotes::context`]), sorted and
/// without repeats, held in one string.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClauseWords(Box<str>);

impl ClauseWords {
    /// Between two words: a word of a clause is one token, and a kin group's name one
    /// line of a rule pack.
    const SEPARATOR: char = '\n';

    /// The words, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split(Self::SEPARATOR).filter(|w| !w.is_empty())
    }

    pub fn contains(&self, word: &str) -> bool {
        self.iter().any(|w| w == word)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The words given, sorted and deduplicated.
    fn new<S: AsRef<str> + Ord>(mut words: Vec<S>) -> ClauseWords {
        words.sort();
        words.dedup();
        let len = words.iter().map(|w| w.as_ref().len() + 1).sum::<usize>();
        let mut joined = String::with_capacity(len.saturating_sub(1));
        for w in &words {
            if !joined.is_empty() {
                joined.push(Self::SEPARATOR);
            }
            joined.push_str(w.as_ref());
        }
        ClauseWords(joined.into_boxed_str())
    }
}

impl DateClaim {
    fn empty() -> DateClaim {
        DateClaim {
            year: None,
            month: None,
            day: None,
            weekday: None,
            year_stated: false,
            day_stated: false,
            relative: None,
            first: None,
            last: None,
            role: DateRole::Mention,
            notes: None,
        }
    }

    /// The season's name (`spring`), when the date is a season.
    pub fn season(&self) -> Option<&str> {
        self.notes.as_ref()?.season.as_deref()
    }

    /// The event the date belongs to (`crash` in `the crash on January 8`), by its noun.
    pub fn event(&self) -> Option<&str> {
        self.notes.as_ref()?.event.as_deref()
    }

    /// For a start date, what its clause names (see [`DateNotes::context`]).
    pub fn context(&self) -> Option<&ClauseWords> {
        self.notes.as_ref().map(|n| &n.context)
    }

    /// The notes, made empty when the date has none yet.
    fn notes_mut(&mut self) -> &mut DateNotes {
        self.notes.get_or_insert_with(Box::default)
    }

    /// Make this claim name one day: its year, month and day, and the day as its span.
    fn set_day(&mut self, d: Date) {
        self.year = Some(d.year());
        self.month = Some(d.month());
        self.day = Some(d.day());
        self.first = Some(d);
        self.last = Some(d);
    }

    /// The full date, when year, month and day are known.
    pub fn date(&self) -> Option<Date> {
        Date::new(self.year?, self.month?, self.day?).ok()
    }

    /// The date as ISO text, as precise as it is: `2019-03-04`, `2019-03`, `2011-spring`,
    /// `2019`, `--03-04` (no year).
    pub fn iso(&self) -> String {
        let y = self.year.map(|y| format!("{y:04}"));
        match (&y, self.month, self.day, self.season()) {
            (Some(y), Some(m), Some(d), _) => format!("{y}-{m:02}-{d:02}"),
            (None, Some(m), Some(d), _) => format!("--{m:02}-{d:02}"),
            (Some(y), Some(m), None, _) => format!("{y}-{m:02}"),
            (None, Some(m), None, _) => format!("--{m:02}"),
            (Some(y), None, None, Some(s)) => format!("{y}-{s}"),
            (None, None, None, Some(s)) => s.to_string(),
            (Some(y), None, None, None) => match (self.first, self.last) {
                (Some(f), Some(l))
                    if f != l && !(f == f.first_of_year() && l == l.last_of_year()) =>
                {
                    format!("{f}/{l}")
                }
                _ => y.clone(),
            },
            (Some(y), ..) => y.clone(),
            _ => self
                .weekday
                .map(|w| weekday_name(w).to_lowercase())
                .unwrap_or_default(),
        }
    }

    /// The date for people: `March 4, 2019`, `March 4`, `June 2016`, `spring 2011`.
    pub fn display(&self) -> String {
        let month = self.month.and_then(month_name);
        match (self.year, month, self.day, self.season()) {
            (Some(y), Some(m), Some(d), _) => format!("{m} {d}, {y}"),
            (None, Some(m), Some(d), _) => format!("{m} {d}"),
            (Some(y), Some(m), None, _) => format!("{m} {y}"),
            (None, Some(m), None, _) => m.to_string(),
            (Some(y), None, None, Some(s)) => format!("{s} {y}"),
            (Some(y), ..) => y.to_string(),
            _ => self.iso(),
        }
    }
}

/// A unit of duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Year,
    Decade,
    Century,
}

impl TimeUnit {
    fn from_name(s: &str) -> Option<TimeUnit> {
        Some(match s {
            "second" => TimeUnit::Second,
            "minute" => TimeUnit::Minute,
            "hour" => TimeUnit::Hour,
            "day" => TimeUnit::Day,
            "week" => TimeUnit::Week,
            "fortnight" => TimeUnit::Fortnight,
            "month" => TimeUnit::Month,
            "year" => TimeUnit::Year,
            "decade" => TimeUnit::Decade,
            "century" => TimeUnit::Century,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Fortnight => "fortnight",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
            TimeUnit::Decade => "decade",
            TimeUnit::Century => "century",
        }
    }

    /// The unit's length in years (a month and a year are the Gregorian averages).
    pub fn in_years(self) -> f64 {
        const YEAR_DAYS: f64 = 365.2425;
        match self {
            TimeUnit::Second => 1.0 / 86_400.0 / YEAR_DAYS,
            TimeUnit::Minute => 1.0 / 1_440.0 / YEAR_DAYS,
            TimeUnit::Hour => 1.0 / 24.0 / YEAR_DAYS,
            TimeUnit::Day => 1.0 / YEAR_DAYS,
            TimeUnit::Week => 7.0 / YEAR_DAYS,
            TimeUnit::Fortnight => 14.0 / YEAR_DAYS,
            TimeUnit::Month => 1.0 / 12.0,
            TimeUnit::Year => 1.0,
            TimeUnit::Decade => 10.0,
            TimeUnit::Century => 100.0,
        }
    }
}

/// What kind of duration a text states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DurationForm {
    /// `12 days`, `a five-year mission`.
    Plain,
    /// An age: `the six-year-old conflict`, `a two-year-old Airbus`.
    Age,
    /// A span that ends at the source's date: `for the past four years`.
    Span,
    /// `since 2011`: the time from a date to the source's date.
    Since,
}

/// A duration or an age, in its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct DurationClaim {
    /// The figure as stated (for `since`, the whole years from the anchor's year to the
    /// source's year, when the source has a date).
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub unit: TimeUnit,
    pub qualifier: Qualifier,
    pub hedge: Option<Arc<str>>,
    pub form: DurationForm,
    /// For `since`: the date it counts from.
    pub since: Option<Box<DateClaim>>,
    /// The source's date the duration runs to, when it has one.
    pub until: Option<Date>,
    /// What an age qualifies (`conflict`), as written.
    pub subject: Option<Arc<str>>,
    /// The subject's head, normalised through the kin groups (`war` for `conflict`).
    pub subject_key: Option<Arc<str>>,
    /// For `since`: what its clause names, normalised (`war` in `the war has raged since
    /// 2011`).
    pub context: ClauseWords,
}

// ----- the vocabulary ------------------------------------------------------------------

/// `[time]` in a rule pack: the vocabulary of dates and durations. Every table and list is
/// optional and merged across packs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VocabFile {
    months: HashMap<String, i8>,
    weekdays: HashMap<String, i8>,
    seasons: Vec<SeasonDef>,
    relative_days: HashMap<String, i32>,
    relative: RelativeDef,
    units: HashMap<String, String>,
    words: WordsDef,
    kin: Vec<KinDef>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeasonDef {
    words: Vec<String>,
    first_month: i8,
    last_month: i8,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RelativeDef {
    last: Vec<String>,
    this: Vec<String>,
    next: Vec<String>,
    ago: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct WordsDef {
    articles: Vec<String>,
    half: Vec<String>,
    figure_only_units: Vec<String>,
    span_leads: Vec<String>,
    since: Vec<String>,
    year_leads: Vec<String>,
    start_verbs: Vec<String>,
    publication: Vec<String>,
    caption: Vec<String>,
    archive: Vec<String>,
    revision: Vec<String>,
    events: Vec<String>,
    subject_stops: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KinDef {
    words: Vec<String>,
}

/// The compiled vocabulary of `rules/time.toml`.
#[derive(Debug, Default)]
pub struct Vocab {
    months: HashMap<String, i8>,
    weekdays: HashMap<String, Weekday>,
    /// Word to (season name, first month, last month).
    seasons: HashMap<String, (String, i8, i8)>,
    relative_days: HashMap<String, i32>,
    last: HashSet<String>,
    this: HashSet<String>,
    next: HashSet<String>,
    ago: HashSet<String>,
    units: HashMap<String, TimeUnit>,
    articles: HashSet<String>,
    /// Words for one half (`half an hour`, `two and a half hours`).
    half: HashSet<String>,
    /// Unit words that count only after a figure, not after an article (`30 seconds`, but
    /// `a second attack`).
    figure_only_units: HashSet<String>,
    /// Phrases, as word lists, longest first.
    span_leads: Vec<Vec<String>>,
    since: HashSet<String>,
    year_leads: HashSet<String>,
    start_verbs: Vec<Vec<String>>,
    publication: HashSet<String>,
    caption: HashSet<String>,
    archive: HashSet<String>,
    revision: Vec<Vec<String>>,
    /// The revision phrases by their first word, as indices into `revision`.
    revision_by_first: HashMap<String, Vec<usize>>,
    events: HashSet<String>,
    kin: HashMap<String, String>,
    subject_stops: HashSet<String>,
    /// What each word of the vocabulary can be (the `class` bits), so that each token
    /// costs one lookup.
    classes: HashMap<String, u32>,
    /// The longest trigger, in bytes.
    max_trigger: usize,
    /// The three-byte prefixes of the triggers, as a bit set (see [`prefix_bit`]): most
    /// words are ruled out without hashing.
    prefixes: Vec<u64>,
    /// `classes` again, keyed by the words' packed bytes, for the tokeniser.
    packed: Packed,
}

fn phrases(into: &mut Vec<Vec<String>>, list: &[String]) {
    into.extend(
        list.iter()
            .map(|p| {
                p.split_whitespace()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty()),
    );
    into.sort_by_key(|p| std::cmp::Reverse(p.len()));
    into.dedup();
}

fn set(into: &mut HashSet<String>, list: &[String]) {
    into.extend(list.iter().map(|w| w.to_lowercase()));
}

impl Vocab {
    /// Add one pack's `[time]` to the vocabulary.
    pub fn merge(&mut self, f: &VocabFile) -> Result<(), String> {
        let v = self;
        for (w, m) in &f.months {
            if !(1..=12).contains(m) {
                return Err(format!("month `{w}` = {m} is not 1 to 12"));
            }
            v.months.insert(w.to_lowercase(), *m);
        }
        for (w, d) in &f.weekdays {
            let wd = Weekday::from_monday_one_offset(*d)
                .map_err(|_| format!("weekday `{w}` = {d} is not 1 to 7"))?;
            v.weekdays.insert(w.to_lowercase(), wd);
        }
        for s in &f.seasons {
            let Some(name) = s.words.first() else {
                return Err("a season has no words".into());
            };
            if !(1..=12).contains(&s.first_month) || !(1..=12).contains(&s.last_month) {
                return Err(format!("season `{name}` has a month that is not 1 to 12"));
            }
            for w in &s.words {
                v.seasons.insert(
                    w.to_lowercase(),
                    (name.to_lowercase(), s.first_month, s.last_month),
                );
            }
        }
        v.relative_days
            .extend(f.relative_days.iter().map(|(k, d)| (k.to_lowercase(), *d)));
        set(&mut v.last, &f.relative.last);
        set(&mut v.this, &f.relative.this);
        set(&mut v.next, &f.relative.next);
        set(&mut v.ago, &f.relative.ago);
        for (w, u) in &f.units {
            let unit = TimeUnit::from_name(u).ok_or_else(|| format!("unknown unit `{u}`"))?;
            v.units.insert(w.to_lowercase(), unit);
        }
        let w = &f.words;
        set(&mut v.articles, &w.articles);
        set(&mut v.half, &w.half);
        set(&mut v.figure_only_units, &w.figure_only_units);
        phrases(&mut v.span_leads, &w.span_leads);
        set(&mut v.since, &w.since);
        set(&mut v.year_leads, &w.year_leads);
        phrases(&mut v.start_verbs, &w.start_verbs);
        set(&mut v.publication, &w.publication);
        set(&mut v.caption, &w.caption);
        set(&mut v.archive, &w.archive);
        phrases(&mut v.revision, &w.revision);
        v.revision_by_first.clear();
        for (k, p) in v.revision.iter().enumerate() {
            if let Some(first) = p.first() {
                v.revision_by_first
                    .entry(first.clone())
                    .or_default()
                    .push(k);
            }
        }
        set(&mut v.events, &w.events);
        set(&mut v.subject_stops, &w.subject_stops);
        for k in &f.kin {
            let Some(head) = k.words.first() else {
                continue;
            };
            for word in &k.words {
                v.kin.insert(word.to_lowercase(), head.to_lowercase());
            }
        }
        let mut classes: HashMap<String, u32> = HashMap::new();
        let mut add = |words: &mut dyn Iterator<Item = &String>, bit: u32| {
            for w in words {
                *classes.entry(w.clone()).or_default() |= bit;
            }
        };
        add(&mut v.months.keys(), class::MONTH);
        add(&mut v.weekdays.keys(), class::WEEKDAY);
        add(&mut v.seasons.keys(), class::SEASON);
        add(&mut v.relative_days.keys(), class::RELATIVE_DAY);
        add(&mut v.last.iter(), class::LAST);
        add(&mut v.this.iter(), class::THIS);
        add(&mut v.next.iter(), class::NEXT);
        add(&mut v.since.iter(), class::SINCE);
        add(&mut v.year_leads.iter(), class::YEAR_LEAD);
        add(&mut v.articles.iter(), class::NUMBER);
        add(&mut v.half.iter(), class::NUMBER);
        add(&mut v.caption.iter(), class::CAPTION);
        add(&mut v.archive.iter(), class::ARCHIVE);
        add(&mut v.publication.iter(), class::PUBLICATION);
        let starts: Vec<String> = v
            .revision
            .iter()
            .filter_map(|p| p.first().cloned())
            .collect();
        add(&mut starts.iter(), class::REVISION);
        let numbers: Vec<String> = lexicon::NUMBER_WORDS
            .iter()
            .map(|w| w.to_string())
            .collect();
        add(&mut numbers.iter(), class::NUMBER);
        add(&mut ["the".to_string()].iter(), class::THE);
        add(&mut v.articles.iter(), class::ARTICLE);
        add(&mut v.half.iter(), class::HALF);
        add(&mut v.units.keys(), class::UNIT);
        add(&mut v.figure_only_units.iter(), class::FIGURE_ONLY);
        add(&mut v.ago.iter(), class::AGO);
        add(&mut v.events.iter(), class::EVENT);
        add(&mut v.subject_stops.iter(), class::STOP);
        v.max_trigger = classes.keys().map(String::len).max().unwrap_or(0);
        v.prefixes = vec![0; PREFIX_WORDS];
        for t in classes.keys() {
            add_prefix(&mut v.prefixes, t);
        }
        v.packed = Packed::new(&classes);
        v.classes = classes;
        Ok(())
    }

    /// Whether a revision phrase starts at a word, given the words from it on (`word(0)`
    /// is the word itself). Only the phrases starting with the word are tried: the same
    /// answer as trying each phrase, as a phrase starting with another word cannot match.
    fn revision_at<'w>(&self, word: impl Fn(usize) -> &'w str) -> bool {
        let Some(phrases) = self.revision_by_first.get(word(0)) else {
            return false;
        };
        phrases.iter().any(|&p| {
            self.revision[p]
                .iter()
                .enumerate()
                .skip(1)
                .all(|(n, pw)| word(n) == pw.as_str())
        })
    }

    /// A noun normalised: its kin group's name, or the word without a plural `s`.
    pub fn normalise(&self, word: &str) -> String {
        self.normal(word).into_owned()
    }

    /// [`Vocab::normalise`], borrowed from the word or the kin groups when the word is
    /// ASCII without capitals (as the lowercased words of a text nearly all are): no
    /// string is built then.
    fn normal<'w>(&'w self, word: &'w str) -> Cow<'w, str> {
        if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            // Lowercasing and replacing `’` would change nothing.
            return self.kin_or_singular(word);
        }
        let lw = word.to_lowercase().replace('’', "'");
        Cow::Owned(self.kin_or_singular(&lw).into_owned())
    }

    /// A lowercase word without a possessive `'s`, through the kin groups, else singular.
    fn kin_or_singular<'w>(&'w self, lw: &'w str) -> Cow<'w, str> {
        let lw = lw.strip_suffix("'s").unwrap_or(lw);
        if let Some(k) = self.kin.get(lw) {
            return Cow::Borrowed(k);
        }
        // Without a plural `s` the word was looked up already.
        if !(lw.len() > 3 && lw.ends_with('s') && !lw.ends_with("ss")) {
            return Cow::Borrowed(lw);
        }
        let singular = &lw[..lw.len() - 1];
        match self.kin.get(singular) {
            Some(k) => Cow::Borrowed(k),
            None => Cow::Borrowed(singular),
        }
    }
}

/// What a word of the vocabulary can be, as bits.
mod class {
    pub const MONTH: u32 = 1;
    pub const WEEKDAY: u32 = 1 << 1;
    pub const SEASON: u32 = 1 << 2;
    pub const RELATIVE_DAY: u32 = 1 << 3;
    pub const LAST: u32 = 1 << 4;
    pub const THIS: u32 = 1 << 5;
    pub const NEXT: u32 = 1 << 6;
    pub const SINCE: u32 = 1 << 7;
    pub const YEAR_LEAD: u32 = 1 << 8;
    pub const NUMBER: u32 = 1 << 9;
    pub const THE: u32 = 1 << 10;
    pub const CAPTION: u32 = 1 << 11;
    pub const ARCHIVE: u32 = 1 << 12;
    pub const PUBLICATION: u32 = 1 << 13;
    pub const REVISION: u32 = 1 << 14;
    pub const ARTICLE: u32 = 1 << 15;
    pub const HALF: u32 = 1 << 16;
    pub const UNIT: u32 = 1 << 17;
    pub const FIGURE_ONLY: u32 = 1 << 18;
    pub const AGO: u32 = 1 << 19;
    pub const EVENT: u32 = 1 << 20;
    /// A word that ends an age's subject (`subject_stops`).
    pub const STOP: u32 = 1 << 21;
    /// The words a paragraph's or a sentence's role depends on, found once per text.
    pub const MARKS: u32 = CAPTION | ARCHIVE | REVISION;
    /// Set on a token, never on a word of the vocabulary: a hyphenated word whose first
    /// part is a number word (`five-year-old`).
    pub const HYPHEN_NUMBER: u32 = 1 << 22;
    /// The bits a construct can start at (see `Run::at`): a word without any of them is
    /// passed over.
    pub const STARTS: u32 = MONTH
        | WEEKDAY
        | SEASON
        | RELATIVE_DAY
        | LAST
        | THIS
        | NEXT
        | SINCE
        | YEAR_LEAD
        | NUMBER
        | THE
        | HYPHEN_NUMBER;
}

impl Vocab {
    /// The class bits of a lowercase word (0 for most words, found without hashing).
    fn class(&self, w: &str) -> u32 {
        if w.is_empty() || w.len() > self.max_trigger || !has_prefix(&self.prefixes, w) {
            return 0;
        }
        self.classes.get(w).copied().unwrap_or(0)
    }
}

/// The size of [`Vocab::prefixes`] in 64-bit words: one bit per folded three-byte prefix.
const PREFIX_WORDS: usize = (1 << 15) / 64;

/// The bit of a word's first three bytes (each folded to five bits) in
/// [`Vocab::prefixes`]. Different prefixes may share a bit: the set is a filter, and a
/// word that passes it is looked up.
fn prefix_bit(w: &str) -> usize {
    let b = w.as_bytes();
    let at = |i: usize| b.get(i).map_or(0, |&c| usize::from(c & 31));
    (at(0) << 10) | (at(1) << 5) | at(2)
}

/// Mark a word's prefix in a prefix set.
fn add_prefix(set: &mut [u64], w: &str) {
    let bit = prefix_bit(w);
    if let Some(word) = set.get_mut(bit / 64) {
        *word |= 1 << (bit % 64);
    }
}

/// Whether some word with this word's prefix was added to the set.
fn has_prefix(set: &[u64], w: &str) -> bool {
    let bit = prefix_bit(w);
    set.get(bit / 64)
        .is_some_and(|word| word & (1 << (bit % 64)) != 0)
}

/// The class bits of the vocabulary's words of at most 16 bytes, keyed by the words'
/// bytes packed into one integer ([`pack`]): an open-addressed table with linear probing,
/// where the tokeniser looks a word up without hashing a string.
#[derive(Debug, Default)]
struct Packed {
    /// The packed words, 0 for an empty slot (no packed word is 0); a power of two long.
    keys: Vec<u128>,
    /// The class bits of each slot's word.
    bits: Vec<u32>,
    /// How far a hash is shifted right to give a slot.
    shift: u32,
    /// The words of at most eight bytes again, keyed by their packed `u64` (the low half
    /// of their [`pack`] value, whose high half is 0): most words of a text are short,
    /// and a `u64` is hashed and compared in fewer steps. Same layout as `keys`/`bits`,
    /// key and bits side by side.
    short: Vec<(u64, u32)>,
    /// How far a hash is shifted right to give a slot of `short`.
    short_shift: u32,
}

impl Packed {
    fn new(classes: &HashMap<String, u32>) -> Packed {
        let words: Vec<(u128, u32)> = classes
            .iter()
            .filter_map(|(w, &c)| Some((pack(w.as_bytes())?, c)))
            .collect();
        // At most an eighth full, so that a probe rarely goes past its first slot.
        let size = (words.len() * 8).next_power_of_two().max(16);
        let mut p = Packed {
            keys: vec![0; size],
            bits: vec![0; size],
            shift: 64 - size.trailing_zeros(),
            short: Vec::new(),
            short_shift: 0,
        };
        for &(key, c) in &words {
            let mut s = p.slot(key);
            while p.keys[s] != 0 {
                s = (s + 1) & (size - 1);
            }
            p.keys[s] = key;
            p.bits[s] = c;
        }
        let short: Vec<(u64, u32)> = words
            .iter()
            .filter_map(|&(key, c)| Some((u64::try_from(key).ok()?, c)))
            .collect();
        let size = (short.len() * 8).next_power_of_two().max(16);
        p.short = vec![(0, 0); size];
        p.short_shift = 64 - size.trailing_zeros();
        for (key, c) in short {
            let mut s = p.short_slot(key);
            while p.short[s].0 != 0 {
                s = (s + 1) & (size - 1);
            }
            p.short[s] = (key, c);
        }
        p
    }

    /// The first slot of `short` to look for `key` in.
    #[inline(always)]
    fn short_slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.short_shift) as usize
    }

    /// [`Packed::get`] for a word of at most eight bytes, by its packed `u64`: the same
    /// bits, as `short` holds exactly the words of `keys` whose packed value fits in 64
    /// bits.
    #[inline(always)]
    fn get_short(&self, key: u64) -> u32 {
        let mask = self.short.len().wrapping_sub(1);
        let mut s = self.short_slot(key);
        while let Some(&(k, c)) = self.short.get(s) {
            if k == key {
                return c;
            }
            if k == 0 {
                break;
            }
            s = (s + 1) & mask;
        }
        0
    }

    /// The first slot to look for `key` in.
    fn slot(&self, key: u128) -> usize {
        let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The class bits of a packed word (0 when it is not in the vocabulary).
    fn get(&self, key: u128) -> u32 {
        let mask = self.keys.len().wrapping_sub(1);
        let mut s = self.slot(key);
        while let Some(&k) = self.keys.get(s) {
            if k == key {
                return self.bits[s];
            }
            if k == 0 {
                break;
            }
            s = (s + 1) & mask;
        }
        0
    }
}

/// A word of 1 to 16 bytes, none of them 0, as one integer: its bytes, the first lowest,
/// then zeros. Two such words are equal exactly when their integers are.
fn pack(w: &[u8]) -> Option<u128> {
    if w.is_empty() || w.len() > 16 || w.contains(&0) {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..w.len()].copy_from_slice(w);
    Some(u128::from_le_bytes(buf))
}

/// Each byte of a 16-byte word set to `b`.
const fn bytes(b: u8) -> u128 {
    u128::from_le_bytes([b; 16])
}

/// The masks that keep the first `n` bytes of a packed word, for `n` below 16.
const FIRST_BYTES: [u128; 16] = {
    let mut m = [0u128; 16];
    let mut n = 1;
    while n < 16 {
        m[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    m
};

/// The run of ASCII letters starting at `b[i]` (a letter): where it ends, and the run
/// lowercased and packed as [`pack`] packs it when it is at most 16 letters. Eight bytes
/// are read first, which settle a word of fewer than eight letters (most words); else
/// sixteen. The letters of the bytes read are found together, byte by byte in one integer.
#[inline(always)]
fn letters(b: &[u8], i: usize) -> (usize, Option<u128>) {
    if let Some(w) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let (lower, n) = letters8(u64::from_le_bytes(w));
        if n < 8 {
            return (i + n, Some(u128::from(lower & first_bytes(n))));
        }
        // Eight letters: the next eight bytes, the same way.
        if let Some(w2) = b
            .get(i + 8..i + 16)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        {
            let (lower2, n2) = letters8(u64::from_le_bytes(w2));
            if n2 < 8 {
                let high = u128::from(lower2 & first_bytes(n2)) << 64;
                return (i + 8 + n2, Some(u128::from(lower) | high));
            }
        }
    }
    letters16(b, i)
}

/// Eight bytes lowercased (letters only are meaningful) and how many of them, from the
/// first, are ASCII letters: [`letters16`]'s reading on eight bytes.
#[inline(always)]
fn letters8(w: u64) -> (u64, usize) {
    let lower = w | 0x2020_2020_2020_2020;
    let x = lower & 0x7F7F_7F7F_7F7F_7F7F;
    let letter = (x + 0x1F1F_1F1F_1F1F_1F1F) & !(x + 0x0505_0505_0505_0505) & !w;
    let n = ((!letter & 0x8080_8080_8080_8080).trailing_zeros() / 8) as usize;
    (lower, n)
}

/// The mask of the first `n` bytes of eight, `n` below 8.
#[inline(always)]
fn first_bytes(n: usize) -> u64 {
    (1u64 << (8 * n)) - 1
}

/// [`letters`] for a word of eight letters or more, or near the end of the text: sixteen
/// bytes read at once.
#[inline(never)]
fn letters16(b: &[u8], i: usize) -> (usize, Option<u128>) {
    let w = match b.get(i..i + 16).and_then(|w| <[u8; 16]>::try_from(w).ok()) {
        Some(w) => u128::from_le_bytes(w),
        None => {
            // Near the end of the text: zeros after it, which are not letters.
            let rest = b.get(i..).unwrap_or(&[]);
            let mut buf = [0u8; 16];
            buf[..rest.len()].copy_from_slice(rest);
            u128::from_le_bytes(buf)
        }
    };
    // Setting bit 5 lowercases an ASCII letter, and a byte is one exactly when it is then
    // `a` to `z` and its top bit was clear. Below 0x80, adding 0x1F sets the top bit from
    // `a` up, adding 0x05 from past `z`; neither carries into the next byte.
    let lower = w | bytes(0x20);
    let x = lower & bytes(0x7F);
    let letter = (x + bytes(0x1F)) & !(x + bytes(0x05)) & !w & bytes(0x80);
    let n = ((!letter & bytes(0x80)).trailing_zeros() / 8) as usize;
    if let Some(&mask) = FIRST_BYTES.get(n) {
        return (i + n, Some(lower & mask));
    }
    // Sixteen letters or more.
    let mut j = i + 16;
    while j < b.len() && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    (j, (j == i + 16).then_some(lower))
}

/// A plain word of fewer than eight ASCII letters at `b[i]` (a letter), settled from the
/// eight bytes there: where it ends, the byte after it, and its class bits. None when
/// fewer than eight bytes are left, the word has eight letters or more, or the byte after
/// it is a joiner (`-`, `'`) or not ASCII: the general reading takes those.
///
/// Exact: [`letters`] reads these same eight bytes first and, for fewer than eight
/// letters, gives this end and this packed word (whose high half is 0, so that
/// [`Packed::get_short`] gives the bits of [`Packed::get`]); the byte after the word is
/// the `b[j]` the tokeniser's plain check reads, within the eight bytes.
#[inline(always)]
fn short_word(b: &[u8], i: usize, packed: &Packed) -> Option<(usize, u8, u32)> {
    let w = <[u8; 8]>::try_from(b.get(i..i + 8)?).ok()?;
    let w = u64::from_le_bytes(w);
    let (lower, n) = letters8(w);
    if n >= 8 {
        return None;
    }
    let next = (w >> (8 * n)) as u8;
    if next >= 0x80 || next == b'-' || next == b'\'' {
        return None;
    }
    Some((i + n, next, packed.get_short(lower & first_bytes(n))))
}

/// The class bits of a token's lowercased word, looked up as a string: with
/// [`class::HYPHEN_NUMBER`] when its first hyphenated part is a number word.
fn word_class(vocab: &Vocab, w: &str) -> u32 {
    let mut c = vocab.class(w);
    if let Some((first, _)) = super::scan::split_hyphen(w)
        && vocab.class(first) & class::NUMBER != 0
    {
        c |= class::HYPHEN_NUMBER;
    }
    c
}

// ----- names and small calendar helpers ------------------------------------------------

/// `Monday`.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// `March` for 3.
pub fn month_name(m: i8) -> Option<&'static str> {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES.get(usize::try_from(m).ok()?.checked_sub(1)?).copied()
}

/// `Wednesday, March 4, 2020`.
pub fn long_date(d: Date) -> String {
    format!(
        "{}, {} {}, {}",
        weekday_name(d.weekday()),
        month_name(d.month()).unwrap_or(""),
        d.day(),
        d.year()
    )
}

/// `d` moved by `days` (none when it leaves jiff's range).
pub fn add_days(d: Date, days: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_days(days).ok()?).ok()
}

/// Days from `a` to `b`.
pub fn days_between(a: Date, b: Date) -> Option<i64> {
    a.until(b).ok().map(|s| i64::from(s.get_days()))
}

/// Years (fractional, Gregorian average) from `a` to `b`.
pub fn years_between(a: Date, b: Date) -> Option<f64> {
    days_between(a, b).map(|d| d as f64 / 365.2425)
}

/// The first and last day of a year, a month or a season.
fn period(year: i16, month: Option<i8>, season: Option<(i8, i8)>) -> Option<(Date, Date)> {
    match (month, season) {
        (Some(m), _) => {
            let first = Date::new(year, m, 1).ok()?;
            Some((first, first.last_of_month()))
        }
        (None, Some((a, b))) => {
            let first = Date::new(year, a, 1).ok()?;
            // Winter runs into the next year.
            let last_year = if b < a { year.checked_add(1)? } else { year };
            let last = Date::new(last_year, b, 1).ok()?.last_of_month();
            Some((first, last))
        }
        (None, None) => {
            let first = Date::new(year, 1, 1).ok()?;
            Some((first, first.last_of_year()))
        }
    }
}

// ----- the pass ------------------------------------------------------------------------

/// What the pass found in one source.
#[derive(Debug, Default)]
pub struct TimeExtraction {
    pub claims: Vec<Claim>,
    /// Sentences that say a figure was revised (`previously, officials said 63`).
    pub revisions: Vec<Range<usize>>,
}

/// Find the dates and durations of one source. `lower` is `scan` in ASCII lowercase.
pub fn extract(
    scan: &str,
    lower: &str,
    source: &Source,
    id: SourceId,
    rules: &Rules,
    sentences: &mut Sentences,
) -> TimeExtraction {
    // Offsets of a text under 4 GiB fit in 32 bits, and its tokens take two thirds of the
    // room; a longer text keeps whole `usize` offsets.
    if u32::try_from(scan.len()).is_ok() {
        extract_with::<u32>(scan, lower, source, id, rules, sentences)
    } else {
        extract_with::<usize>(scan, lower, source, id, rules, sentences)
    }
}

/// [`extract`], with token offsets kept as `O`.
fn extract_with<O: Offset>(
    scan: &str,
    lower: &str,
    source: &Source,
    id: SourceId,
    rules: &Rules,
    sentences: &mut Sentences,
) -> TimeExtraction {
    let vocab: &Vocab = &rules.time;
    let Tokens {
        toks,
        starts,
        marks,
    } = tokens::<O>(Text::new(scan), lower, vocab);
    let mut run = Run {
        t: Text::new(scan),
        low: lower,
        toks,
        vocab,
        rules,
        source,
        id,
        anchor: source.date,
        out: TimeExtraction {
            claims: Vec::with_capacity(starts.len() / 6),
            revisions: Vec::new(),
        },
        marks,
        para_flags: None,
        sentences,
    };
    // Only a start token can begin a construct (`Run::at` passes over any other), so the
    // walk goes from one to the next.
    let mut i = 0;
    for k in starts {
        if k < i {
            continue;
        }
        i = match run.at(k) {
            Some(next) if next > k => next,
            _ => k + 1,
        };
    }
    run.revisions();
    run.out
}

/// A byte offset as the tokens keep it: `u32` for a text shorter than 4 GiB, `usize` for a
/// longer one. [`extract`] picks the type by the text's length, so every offset into the
/// text (at most its length) fits, and none is cut.
trait Offset: Copy + std::fmt::Debug + PartialEq {
    /// The offset `n`, at most the length of a text this type was picked for.
    fn of(n: usize) -> Self;
    fn get(self) -> usize;
}

impl Offset for u32 {
    fn of(n: usize) -> u32 {
        debug_assert!(u32::try_from(n).is_ok(), "offset {n} past 4 GiB");
        n as u32
    }
    fn get(self) -> usize {
        self as usize
    }
}

impl Offset for usize {
    fn of(n: usize) -> usize {
        n
    }
    fn get(self) -> usize {
        self
    }
}

/// A token and its word's class bits in one record: 16 bytes with `u32` offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token<O> {
    start: O,
    end: O,
    kind: Kind,
    /// The class bits of the token's word (0 for anything but a word).
    class: u32,
}

impl<O: Offset> Token<O> {
    fn new(kind: Kind, start: usize, end: usize, class: u32) -> Token<O> {
        Token {
            start: O::of(start),
            end: O::of(end),
            kind,
            class,
        }
    }

    /// The token with whole offsets.
    fn tok(self) -> Tok {
        Tok {
            kind: self.kind,
            start: self.start.get(),
            end: self.end.get(),
        }
    }
}

/// The tokens of a text with their class bits, and where constructs may start.
struct Tokens<O> {
    toks: Vec<Token<O>>,
    /// The numbers and the words with a [`class::STARTS`] bit, in order.
    starts: Vec<usize>,
    /// The words with a [`class::MARKS`] bit, in order.
    marks: Vec<usize>,
}

/// The tokens of a text, with an `End` token at each paragraph break, and each word's class
/// bits, looked up once (`low` is the text in ASCII lowercase). ASCII bytes, nearly all of
/// a news text, are classed directly, and a word of ASCII letters alone is looked up by its
/// packed bytes; other characters are decoded.
fn tokens<O: Offset>(t: Text<'_>, low: &str, vocab: &Vocab) -> Tokens<O> {
    let b = t.b;
    // A news text has a token every five or six bytes, a start every twenty or so, and a
    // mark every few hundred.
    let mut out = Tokens {
        toks: Vec::with_capacity(t.len() / 5),
        starts: Vec::with_capacity(t.len() / 16),
        marks: Vec::with_capacity(t.len() / 128),
    };
    let mut i = 0;
    let mut newlines = 0;
    while i < b.len() {
        let c = b[i];
        let tok: Token<O> = if c < 0x80 {
            match c {
                b'\n' => {
                    newlines += 1;
                    if newlines == 2 {
                        out.toks.push(Token::new(Kind::End, i, i, 0));
                    }
                    i += 1;
                    continue;
                }
                // ASCII white space, as `char::is_whitespace` counts it.
                b' ' | b'\t' | b'\r' | 0x0B | 0x0C => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            if c.is_ascii_alphabetic() {
                if let Some((j, next, bits)) = short_word(b, i, &vocab.packed) {
                    // The common case, settled from the eight bytes read: a plain word of
                    // fewer than eight letters, and the byte after it.
                    newlines = 0;
                    if bits & class::STARTS != 0 {
                        out.starts.push(out.toks.len());
                    }
                    if bits & class::MARKS != 0 {
                        out.marks.push(out.toks.len());
                    }
                    out.toks.push(Token::new(Kind::Word, i, j, bits));
                    i = j + usize::from(next == b' ');
                    continue;
                }
                let (j, packed) = letters(b, i);
                // A word ends at the first other ASCII byte unless it is a joiner; one or
                // another letter after it (`five-year`, `l’été`) needs the full reading.
                let plain = b
                    .get(j)
                    .is_none_or(|&n| n < 0x80 && n != b'-' && n != b'\'');
                if plain && let Some(key) = packed {
                    Token::new(Kind::Word, i, j, vocab.packed.get(key))
                } else {
                    let end = if plain { j } else { t.word_end(j) };
                    let bits = word_class(vocab, low.get(i..end).unwrap_or(""));
                    Token::new(Kind::Word, i, end, bits)
                }
            } else if c.is_ascii_digit() {
                Token::new(Kind::Number, i, t.number_end(i).max(i + 1), 0)
            } else {
                Token::new(Kind::Punct(char::from(c)), i, i + 1, 0)
            }
        } else {
            let Some(ch) = t.char_at(i) else { break };
            if ch.is_whitespace() {
                i += ch.len_utf8();
                continue;
            }
            let tok = t.token_at(i);
            let end = tok.end.max(i + ch.len_utf8());
            let bits = match tok.kind {
                Kind::Word => word_class(vocab, low.get(tok.start..end).unwrap_or("")),
                _ => 0,
            };
            Token::new(tok.kind, tok.start, end, bits)
        };
        newlines = 0;
        i = tok.end.get();
        if tok.kind == Kind::Number || tok.class & class::STARTS != 0 {
            out.starts.push(out.toks.len());
        }
        if tok.class & class::MARKS != 0 {
            out.marks.push(out.toks.len());
        }
        out.toks.push(tok);
        // A single space after a token, the usual case, is passed over here.
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    out
}

struct Run<'a, O> {
    t: Text<'a>,
    /// The scanned text in ASCII lowercase (same offsets).
    low: &'a str,
    toks: Vec<Token<O>>,
    vocab: &'a Vocab,
    rules: &'a Rules,
    source: &'a Source,
    id: SourceId,
    anchor: Option<Date>,
    out: TimeExtraction,
    /// The tokens with a [`class::MARKS`] bit, in order.
    marks: Vec<usize>,
    /// The last paragraph whose flags were read, and its flags: the dates of a paragraph
    /// come together, and one long paragraph (a 100 MB line) must not be read per date.
    para_flags: Option<(usize, (bool, bool))>,
    /// The sentences found so far in this text.
    sentences: &'a mut Sentences,
}

/// A date read in place, before its role and claim are decided.
struct Read {
    date: DateClaim,
    /// Token index just past the date.
    next: usize,
}

impl<'a, O: Offset> Run<'a, O> {
    // ----- token access ----------------------------------------------------------------

    fn tok(&self, i: usize) -> Option<Tok> {
        self.toks.get(i).map(|t| t.tok())
    }

    /// The class bits of token `i`'s word (0 for anything else).
    fn class(&self, i: usize) -> u32 {
        self.toks.get(i).map_or(0, |t| t.class)
    }

    /// Whether token `i`'s word has one of the class bits `bits`: whether it is in one of
    /// the vocabulary's lists, without hashing it.
    fn has(&self, i: usize, bits: u32) -> bool {
        self.class(i) & bits != 0
    }

    /// The lowercased word at token `i` (empty when it is not a word).
    fn word(&self, i: usize) -> &'a str {
        match self.tok(i) {
            Some(t) if t.kind == Kind::Word => self.low.get(t.start..t.end).unwrap_or(""),
            _ => "",
        }
    }

    fn raw(&self, i: usize) -> &'a str {
        match self.tok(i) {
            Some(t) => self.t.slice(t.start, t.end),
            None => "",
        }
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    fn capitalised(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| self.t.is_capitalized(&t))
    }

    /// Whether token `j` directly follows token `i` (no space between).
    fn glued(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// A number token as an integer, with its digit count.
    fn int(&self, i: usize) -> Option<(i64, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Number {
            return None;
        }
        let s = self.t.slice(t.start, t.end);
        if !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 9 {
            return None;
        }
        Some((s.parse().ok()?, s.len()))
    }

    /// A year: four digits, 1000 to 2100.
    fn year(&self, i: usize) -> Option<i16> {
        match self.int(i)? {
            (y, 4) if (1000..=2100).contains(&y) => i16::try_from(y).ok(),
            _ => None,
        }
    }

    /// Whether token `i` is a number of four bytes, as every year is ([`Run::year`] takes
    /// four digits): a lead word (`in`, `of`, `and`) is nearly always followed by
    /// something else, which this rules out without reading it.
    fn four_bytes_number(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Number && t.end.get() - t.start.get() == 4)
    }

    /// A day of the month: one or two digits, 1 to 31, maybe with `st`/`th` glued on.
    /// Returns the day and the token after it.
    fn day(&self, i: usize) -> Option<(i8, usize)> {
        let (d, n) = self.int(i)?;
        if n > 2 || !(1..=31).contains(&d) {
            return None;
        }
        let mut next = i + 1;
        if self.glued(i, i + 1) {
            match self.word(i + 1) {
                "st" | "nd" | "rd" | "th" => next += 1,
                "" => {}
                _ => return None,
            }
        }
        // Not a time or a decimal: `4:30`, `4.5`.
        if self.glued(next - 1, next) && (self.is_punct(next, ':') || self.is_punct(next, '%')) {
            return None;
        }
        Some((i8::try_from(d).ok()?, next))
    }

    /// A month word (`May` and `Mar` only capitalised; abbreviations may take a full
    /// stop): the month and the token after it.
    fn month(&self, i: usize) -> Option<(i8, usize)> {
        if !self.has(i, class::MONTH) {
            return None;
        }
        let w = self.word(i);
        let m = *self.vocab.months.get(w)?;
        let full = lexicon::month(w).is_some() && w.len() > 3 || w == "may" || w == "june";
        if (w == "may" || w == "mar") && !self.capitalised(i) {
            return None;
        }
        if !full && !self.capitalised(i) {
            return None;
        }
        let mut next = i + 1;
        if !full && self.is_punct(next, '.') && self.glued(i, next) {
            next += 1;
        }
        Some((m, next))
    }

    /// A weekday word (abbreviations only capitalised, with an optional full stop).
    fn weekday(&self, i: usize) -> Option<(Weekday, usize)> {
        if !self.has(i, class::WEEKDAY) {
            return None;
        }
        let w = self.word(i);
        let wd = *self.vocab.weekdays.get(w)?;
        let full = w.ends_with("day");
        if !self.capitalised(i) && !full {
            return None;
        }
        // `Black Friday`, `Super Tuesday`: a capitalised word before that is not a date lead.
        let leads = class::YEAR_LEAD | class::LAST | class::THIS | class::NEXT;
        if i > 0
            && self.capitalised(i - 1)
            && !self.sentence_start(i - 1)
            && !self.has(i - 1, leads)
            && self.word(i - 1) != "on"
        {
            return None;
        }
        let mut next = i + 1;
        if !full && self.is_punct(next, '.') && self.glued(i, next) {
            next += 1;
        }
        Some((wd, next))
    }

    /// Whether token `i` starts a sentence.
    fn sentence_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        match self.tok(i - 1).map(|t| t.kind) {
            Some(Kind::End) => true,
            Some(Kind::Punct(c)) => matches!(c, '.' | '!' | '?' | '"' | '“' | '”' | '\n'),
            _ => false,
        }
    }

    /// Skip a comma or an opening parenthesis.
    fn skip_sep(&self, i: usize) -> usize {
        if self.is_punct(i, ',') || self.is_punct(i, '(') {
            i + 1
        } else {
            i
        }
    }

    // ----- reading dates -----------------------------------------------------------------

    /// An explicit date at token `i`: `March 4, 2019`, `Mar. 4`, `4 March 2019`,
    /// `2019-03-04`, `June 2016`, `the spring of 2011`.
    fn explicit(&self, i: usize) -> Option<Read> {
        if self.no_date_at_number(i) {
            return None;
        }
        self.read_explicit(i)
    }

    /// Whether token `i` is a number that no explicit date starts with (as
    /// [`Run::read_explicit`] would find): a date starts with a number only as a year of
    /// four digits (`2019-03-04`) or a day of one or two (`4 March`). Most figures (`500`,
    /// `1,200`, `3.5`) are neither, and most of the others are not followed by what such
    /// a date goes on with (`12 people`, `in 2019.`).
    fn no_date_at_number(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == Kind::Number
                && (!matches!(t.end.get() - t.start.get(), 1 | 2 | 4)
                    || !self.may_go_on_a_date(i + 1))
        })
    }

    /// Whether token `j`, right after a number, is what a date starting with that number
    /// goes on with: the dash of `2019-03-04`, the month of `4 March`, the `of` of `4 of
    /// July`, the ordinal ending of `4th of July`. The year's dash and the day's month,
    /// `of` or ending each come right after the number in [`Run::read_explicit`], and a
    /// season date never starts with a number.
    fn may_go_on_a_date(&self, j: usize) -> bool {
        match self.toks.get(j) {
            Some(t) if t.kind == Kind::Punct('-') => true,
            Some(t) if t.kind == Kind::Word => {
                t.class & class::MONTH != 0
                    || matches!(self.word(j), "of" | "st" | "nd" | "rd" | "th")
            }
            _ => false,
        }
    }

    /// [`Run::explicit`] without its quick check.
    fn read_explicit(&self, i: usize) -> Option<Read> {
        // 2019-03-04
        if let Some(y) = self.year(i)
            && self.is_punct(i + 1, '-')
            && self.glued(i, i + 1)
            && self.glued(i + 1, i + 2)
            && self.is_punct(i + 3, '-')
            && self.glued(i + 3, i + 4)
            && let (Some((m, 2)), Some((d, 2))) = (self.int(i + 2), self.int(i + 4))
        {
            let date = Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()?;
            let mut dc = DateClaim::empty();
            dc.year = Some(y);
            dc.month = Some(date.month());
            dc.day = Some(date.day());
            dc.year_stated = true;
            dc.day_stated = true;
            return Some(Read {
                date: dc,
                next: i + 5,
            });
        }
        // Month first: `March 4, 2019`, `March 4`, `June 2016`, `June, 2016`.
        if let Some((m, after)) = self.month(i) {
            let mut dc = DateClaim::empty();
            dc.month = Some(m);
            if let Some((d, after_day)) = self.day(after) {
                dc.day = Some(d);
                dc.day_stated = true;
                let y_at = self.skip_comma(after_day);
                if let Some(y) = self.year(y_at) {
                    dc.year = Some(y);
                    dc.year_stated = true;
                    return self.valid(dc, y_at + 1);
                }
                return self.valid(dc, after_day);
            }
            let y_at = self.skip_comma(after);
            if let Some(y) = self.year(y_at) {
                dc.year = Some(y);
                dc.year_stated = true;
                return self.valid(dc, y_at + 1);
            }
            return None;
        }
        // Day first: `4 March 2019`, `4 March`, `the 4th of July`.
        if let Some((d, after)) = self.day(i)
            && let Some((m, after_month)) = self.month(after).or_else(|| match self.word(after) {
                "of" => self.month(after + 1),
                _ => None,
            })
        {
            let mut dc = DateClaim::empty();
            dc.month = Some(m);
            dc.day = Some(d);
            dc.day_stated = true;
            let y_at = self.skip_comma(after_month);
            if let Some(y) = self.year(y_at) {
                dc.year = Some(y);
                dc.year_stated = true;
                return self.valid(dc, y_at + 1);
            }
            return self.valid(dc, after_month);
        }
        // Seasons: `the spring of 2011`, `spring 2011`.
        let mut j = i;
        if self.word(j) == "the" {
            j += 1;
        }
        if self.has(j, class::SEASON)
            && let Some((name, a, b)) = self.vocab.seasons.get(self.word(j))
        {
            let mut k = j + 1;
            if self.word(k) == "of" {
                k += 1;
            }
            if let Some(y) = self.year(k) {
                let mut dc = DateClaim::empty();
                dc.notes_mut().season = Some(name.as_str().into());
                dc.year = Some(y);
                dc.year_stated = true;
                if let Some((f, l)) = period(y, None, Some((*a, *b))) {
                    dc.first = Some(f);
                    dc.last = Some(l);
                }
                return Some(Read {
                    date: dc,
                    next: k + 1,
                });
            }
        }
        None
    }

    fn skip_comma(&self, i: usize) -> usize {
        if self.is_punct(i, ',') { i + 1 } else { i }
    }

    /// Keep a read date only if it exists, and fill in its first and last day.
    fn valid(&self, mut dc: DateClaim, next: usize) -> Option<Read> {
        if let (Some(m), Some(d)) = (dc.month, dc.day) {
            // February 29 exists in a leap year; check against one when the year is unknown.
            Date::new(dc.year.unwrap_or(2000), m, d).ok()?;
        }
        if let Some(y) = dc.year {
            match dc.day {
                Some(_) => {
                    let d = dc.date()?;
                    dc.first = Some(d);
                    dc.last = Some(d);
                }
                None => {
                    if let Some((f, l)) = period(y, dc.month, None) {
                        dc.first = Some(f);
                        dc.last = Some(l);
                    }
                }
            }
        }
        Some(Read { date: dc, next })
    }

    /// Try every construct that starts at token `i`; the token to continue from.
    fn at(&mut self, i: usize) -> Option<usize> {
        let tok = self.tok(i)?;
        match tok.kind {
            Kind::Word => {
                let mut c = self.class(i);
                if c & class::HYPHEN_NUMBER != 0 {
                    c |= class::NUMBER;
                }
                if c == 0 {
                    return None;
                }
                if c & class::WEEKDAY != 0 {
                    return self.weekday_date(i, None, i);
                }
                if c & class::RELATIVE_DAY != 0
                    && let Some(&offset) = self.vocab.relative_days.get(self.word(i))
                {
                    return self.relative_day(i, offset);
                }
                if c & (class::LAST | class::THIS | class::NEXT) != 0
                    && let Some(next) = self.modified(i)
                {
                    return Some(next);
                }
                if c & class::SINCE != 0 {
                    return self.since(i);
                }
                if c & (class::MONTH | class::SEASON) != 0 {
                    return self.plain_explicit(i);
                }
                if c & class::THE != 0 && self.class(i + 1) & class::SEASON != 0 {
                    return self.plain_explicit(i);
                }
                if c & class::YEAR_LEAD != 0
                    && self.four_bytes_number(i + 1)
                    && let Some(y) = self.year(i + 1)
                {
                    return self.bare_year(i + 1, y);
                }
                if c & class::NUMBER == 0 {
                    return None;
                }
                self.duration_at(i)
            }
            Kind::Number => {
                if self.explicit(i).is_some() {
                    return self.plain_explicit(i);
                }
                self.duration_at(i)
            }
            _ => None,
        }
    }

    /// An explicit date with nothing relative before it.
    fn plain_explicit(&mut self, i: usize) -> Option<usize> {
        let Some(read) = self.explicit(i) else {
            // A month alone after a lead: `in March`, `by the end of March`.
            if let Some((m, next)) = self.month(i)
                && i > 0
                && self.vocab.year_leads.contains(self.word(i - 1))
                && self.word(i - 1) != "and"
            {
                let mut dc = DateClaim::empty();
                dc.month = Some(m);
                self.push_date(i, next, dc);
                return Some(next);
            }
            return None;
        };
        let start = if self.word(i) == "the" { i + 1 } else { i };
        let next = read.next;
        self.push_date(start, next, read.date);
        Some(next)
    }

    /// `in 1998`, `from 2017`: a year after a lead word.
    fn bare_year(&mut self, i: usize, y: i16) -> Option<usize> {
        // `2019-20`, `1998 to 2001` are ranges of years; each year is still a date.
        let mut dc = DateClaim::empty();
        dc.year = Some(y);
        dc.year_stated = true;
        if let Some((f, l)) = period(y, None, None) {
            dc.first = Some(f);
            dc.last = Some(l);
        }
        self.push_date(i, i + 1, dc);
        Some(i + 1)
    }

    /// A weekday at token `w`, with a relative word before it at `start` (or none): with an
    /// explicit date after it (`Monday, March 4, 2019`) or alone (`on Thursday`).
    fn weekday_date(
        &mut self,
        w: usize,
        kind: Option<RelativeKind>,
        start: usize,
    ) -> Option<usize> {
        let (wd, after) = self.weekday(w)?;
        let at = self.skip_sep(after);
        if let Some(read) = self.explicit(at) {
            let mut dc = read.date;
            dc.weekday = Some(wd);
            let mut next = read.next;
            if self.is_punct(next, ')') && self.is_punct(at.saturating_sub(1), '(') {
                next += 1;
            }
            if let (Some(k), Some(anchor)) = (kind, self.anchor) {
                dc.relative = self.weekday_relative(start, w, k, wd, anchor);
            }
            self.push_date(start, next, dc);
            return Some(next);
        }
        // `Friday next week`, `Sunday of next week`: that weekday of that week.
        if kind.is_none()
            && let Some((k, end)) = self.week_after(after)
        {
            if let Some(anchor) = self.anchor {
                let dc = self.day_of_week(start, end - 1, k, wd, anchor)?;
                self.push_date(start, end, dc);
            }
            return Some(end);
        }
        // A weekday alone: a relative date when the source has a date.
        let kind = kind.unwrap_or(RelativeKind::Bare);
        let mut dc = DateClaim::empty();
        dc.weekday = Some(wd);
        if let Some(anchor) = self.anchor
            && let Some(rel) = self.weekday_relative(start, w, kind, wd, anchor)
        {
            let likely = likely_weekday(anchor, kind, wd);
            if let Some(d) = likely {
                dc.year = Some(d.year());
                dc.month = Some(d.month());
                dc.day = Some(d.day());
            }
            dc.first = Some(rel.first);
            dc.last = Some(rel.last);
            dc.relative = Some(rel);
        }
        self.push_date(start, after, dc);
        Some(after)
    }

    /// The words of tokens `from..=to` as written, one space apart.
    fn phrase(&self, from: usize, to: usize) -> String {
        if let Some(s) = self.spaced_words(from, to) {
            return s.to_string();
        }
        self.phrase_by_words(from, to)
    }

    /// The text of tokens `from..=to` when they are all words one space apart (`last
    /// Friday`, `three days ago`, the usual case): then it is their phrase, one slice
    /// instead of one piece per word. Exact: [`Run::phrase_by_words`] keeps each of
    /// these tokens (a word, not empty) and joins them with the one space that is
    /// between them in the text.
    fn spaced_words(&self, from: usize, to: usize) -> Option<&'a str> {
        let toks = self.toks.get(from..=to)?;
        if toks
            .iter()
            .any(|t| t.kind != Kind::Word || t.start == t.end)
        {
            return None;
        }
        let one_space = |p: &[Token<O>]| {
            let gap = p[0].end.get();
            p[1].start.get() == gap + 1 && self.t.b.get(gap) == Some(&b' ')
        };
        if !toks.windows(2).all(one_space) {
            return None;
        }
        let s = self
            .t
            .slice(toks.first()?.start.get(), toks.last()?.end.get());
        (!s.is_empty()).then_some(s)
    }

    /// [`Run::phrase`] built word by word.
    fn phrase_by_words(&self, from: usize, to: usize) -> String {
        // The words with one space between them are rarely longer than their span.
        let span = match (self.tok(from), self.tok(to)) {
            (Some(a), Some(b)) => b.end.saturating_sub(a.start),
            _ => 0,
        };
        let mut s = String::with_capacity(span);
        for k in from..=to {
            if self.word(k).is_empty() {
                continue;
            }
            let w = self.raw(k);
            if w.is_empty() {
                continue;
            }
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    }

    /// `next week`, `of this week` at token `i`: how the week is placed, and the token
    /// after it.
    fn week_after(&self, i: usize) -> Option<(RelativeKind, usize)> {
        let j = if self.word(i) == "of" { i + 1 } else { i };
        let kind = if self.has(j, class::LAST) {
            RelativeKind::Last
        } else if self.has(j, class::THIS) {
            RelativeKind::This
        } else if self.has(j, class::NEXT) {
            RelativeKind::Next
        } else {
            return None;
        };
        (self.has(j + 1, class::UNIT)
            && self.vocab.units.get(self.word(j + 1)) == Some(&TimeUnit::Week)
            && !self.word(j + 1).ends_with('s'))
        .then_some((kind, j + 2))
    }

    /// The weekday `wd` of the week before, of or after the anchor's (weeks start on
    /// Monday), as a date over tokens `start..=end`.
    fn day_of_week(
        &self,
        start: usize,
        end: usize,
        kind: RelativeKind,
        wd: Weekday,
        anchor: Date,
    ) -> Option<DateClaim> {
        let step: i64 = match kind {
            RelativeKind::Last => -1,
            RelativeKind::Next => 1,
            _ => 0,
        };
        let monday = add_days(anchor, -i64::from(anchor.weekday().to_monday_zero_offset()))?;
        let d = add_days(monday, 7 * step + i64::from(wd.to_monday_zero_offset()))?;
        let mut dc = DateClaim::empty();
        dc.weekday = Some(wd);
        dc.set_day(d);
        dc.relative = Some(Relative {
            phrase: self.phrase(start, end).into(),
            kind,
            anchor,
            first: d,
            last: d,
        });
        Some(dc)
    }

    /// Where a relative weekday can fall.
    fn weekday_relative(
        &self,
        start: usize,
        w: usize,
        kind: RelativeKind,
        wd: Weekday,
        anchor: Date,
    ) -> Option<Relative> {
        let monday = -i64::from(anchor.weekday().to_monday_zero_offset());
        let (lo, hi) = match kind {
            RelativeKind::Last => (-13, -1),
            RelativeKind::Next => (1, 13),
            RelativeKind::This => (monday, monday + 6),
            _ => (-6, 6),
        };
        let from = add_days(anchor, lo)?;
        let to = add_days(anchor, hi)?;
        // Narrow to the weekday itself.
        let first = add_days(from, i64::from(from.weekday().until(wd)))?;
        let last = add_days(to, -i64::from(wd.until(to.weekday())))?;
        Some(Relative {
            phrase: self.phrase(start, w).into(),
            kind,
            anchor,
            first,
            last,
        })
    }

    /// `yesterday`, `today`, `tomorrow`, maybe with a weekday or a date after it.
    fn relative_day(&mut self, i: usize, offset: i32) -> Option<usize> {
        let mut dc = DateClaim::empty();
        let mut next = i + 1;
        // `today's`: still the day.
        let at = self.skip_sep(next);
        if let Some((wd, after)) = self.weekday(at) {
            dc.weekday = Some(wd);
            next = after;
        }
        let at2 = self.skip_sep(next);
        let mut explicit = None;
        if let Some(read) = self.explicit(at2)
            && read.date.day.is_some()
        {
            next = read.next;
            explicit = Some(read.date);
        }
        if self.is_punct(next, ')') && (self.is_punct(at, '(') || self.is_punct(at2, '(')) {
            next += 1;
        }
        if let Some(anchor) = self.anchor {
            let d = add_days(anchor, i64::from(offset))?;
            dc.relative = Some(Relative {
                phrase: self.raw(i).into(),
                kind: RelativeKind::Offset,
                anchor,
                first: d,
                last: d,
            });
            dc.set_day(d);
        }
        if let Some(e) = explicit {
            let rel = dc.relative.take();
            let wd = dc.weekday;
            dc = e;
            dc.relative = rel;
            dc.weekday = wd;
        }
        if dc.relative.is_none() && dc.day.is_none() && dc.weekday.is_none() {
            // Undated source and nothing else stated: nothing to claim.
            return Some(next);
        }
        self.push_date(i, next, dc);
        Some(next)
    }

    /// `last Friday`, `this week`, `next month`, `last spring`, `last year`.
    fn modified(&mut self, i: usize) -> Option<usize> {
        let kind = if self.has(i, class::LAST) {
            RelativeKind::Last
        } else if self.has(i, class::THIS) {
            RelativeKind::This
        } else {
            RelativeKind::Next
        };
        let j = i + 1;
        if self.has(j, class::WEEKDAY) {
            return self.weekday_date(j, Some(kind), i);
        }
        if !self.has(j, class::UNIT) {
            return None;
        }
        let unit = self.vocab.units.get(self.word(j)).copied();
        if !matches!(
            unit,
            Some(TimeUnit::Week | TimeUnit::Month | TimeUnit::Year)
        ) {
            return None;
        }
        // `for the past four years` is a span, not `past` + `four`; `last year's`.
        let unit = unit?;
        if self.word(j).ends_with('s') {
            return None;
        }
        let anchor = self.anchor?;
        // `next week Sunday`, `this week on Friday`: that weekday of that week.
        if unit == TimeUnit::Week {
            let k = if self.word(j + 1) == "on" {
                j + 2
            } else {
                j + 1
            };
            if let Some((wd, after)) = self.weekday(k) {
                let dc = self.day_of_week(i, after - 1, kind, wd, anchor)?;
                self.push_date(i, after, dc);
                return Some(after);
            }
        }
        let step: i64 = match kind {
            RelativeKind::Last => -1,
            RelativeKind::Next => 1,
            _ => 0,
        };
        let (first, last) = match unit {
            TimeUnit::Week => {
                let monday =
                    add_days(anchor, -i64::from(anchor.weekday().to_monday_zero_offset()))?;
                let f = add_days(monday, 7 * step)?;
                (f, add_days(f, 6)?)
            }
            TimeUnit::Month => {
                let f = anchor
                    .first_of_month()
                    .checked_add(jiff::Span::new().try_months(step).ok()?)
                    .ok()?;
                (f, f.last_of_month())
            }
            _ => {
                let y = i16::try_from(i64::from(anchor.year()) + step).ok()?;
                period(y, None, None)?
            }
        };
        let mut dc = DateClaim::empty();
        dc.year = Some(first.year());
        if unit == TimeUnit::Month {
            dc.month = Some(first.month());
        }
        dc.first = Some(first);
        dc.last = Some(last);
        dc.relative = Some(Relative {
            phrase: self.phrase(i, j).into(),
            kind,
            anchor,
            first,
            last,
        });
        self.push_date(i, j + 1, dc);
        Some(j + 1)
    }

    /// `since 2011`, `since the fall of 2014`, `since October 2018`, `since March 4`.
    fn since(&mut self, i: usize) -> Option<usize> {
        let j = i + 1;
        let (mut dc, next) = if let Some(read) = self.explicit(j) {
            (read.date, read.next)
        } else if let Some(y) = self.year(j) {
            let mut dc = DateClaim::empty();
            dc.year = Some(y);
            dc.year_stated = true;
            let (f, l) = period(y, None, None)?;
            dc.first = Some(f);
            dc.last = Some(l);
            (dc, j + 1)
        } else {
            return None;
        };
        // Without a year, the most recent such date on or before the source's date.
        if dc.year.is_none()
            && let (Some(anchor), Some(m)) = (self.anchor, dc.month)
        {
            let day = dc.day.unwrap_or(1);
            let this_year = Date::new(anchor.year(), m, day).ok();
            let y = match this_year {
                Some(d) if d <= anchor => anchor.year(),
                _ => anchor.year() - 1,
            };
            dc.year = Some(y);
            if let Some((f, l)) = match dc.day {
                Some(d) => Date::new(y, m, d).ok().map(|x| (x, x)),
                None => period(y, Some(m), None),
            } {
                dc.first = Some(f);
                dc.last = Some(l);
            }
        }
        let context = self.clause_words(i);
        let (value, low, high) = match (self.anchor, dc.first, dc.last) {
            (Some(a), Some(f), Some(l)) => {
                let low = years_between(l, a).unwrap_or(0.0).max(0.0);
                let high = years_between(f, a).unwrap_or(0.0).max(0.0);
                let whole = f64::from(a.year()) - f64::from(f.year());
                (whole.max(0.0), low, high)
            }
            _ => (0.0, 0.0, f64::INFINITY),
        };
        let d = DurationClaim {
            value,
            low,
            high,
            unit: TimeUnit::Year,
            qualifier: Qualifier::Range,
            hedge: None,
            form: DurationForm::Since,
            since: Some(Box::new(dc)),
            until: self.anchor,
            subject: None,
            subject_key: None,
            context,
        };
        self.push(i, next, ClaimKind::Duration(Box::new(d)));
        Some(next)
    }

    /// The normalised content words of the clause before token `i`: what a `since` or a
    /// start date is about. Words after `to` (an infinitive's verb) are left out.
    fn clause_words(&self, i: usize) -> ClauseWords {
        let mut out: Vec<Cow<'a, str>> = Vec::with_capacity(24);
        let mut k = i;
        let mut n = 0;
        while k > 0 && n < 24 {
            k -= 1;
            n += 1;
            match self.tok(k).map(|t| t.kind) {
                Some(Kind::Word) => {}
                Some(Kind::Punct('-' | '’' | '\'')) => continue,
                _ => break,
            }
            let w = self.word(k);
            if w.len() < 3 || self.has(k, class::STOP) || self.word(k.wrapping_sub(1)) == "to" {
                continue;
            }
            // A word without a hyphen is its one part (as `split` would give it).
            if !w.as_bytes().contains(&b'-') {
                out.push(self.vocab.normal(w));
                continue;
            }
            for part in w.split('-') {
                if part.len() >= 3 {
                    out.push(self.vocab.normal(part));
                }
            }
        }
        ClauseWords::new(out)
    }

    // ----- durations ---------------------------------------------------------------------

    /// A count at token `i` (digits, number words, `a`): value, whether in words, and the
    /// byte offset where the number ends (inside a hyphenated word, the hyphen).
    fn count_at(&self, i: usize) -> Option<(f64, usize)> {
        let tok = self.tok(i)?;
        match tok.kind {
            Kind::Number => Some((number_value(self.t.slice(tok.start, tok.end))?, tok.end)),
            Kind::Word => {
                if self.has(i, class::ARTICLE) {
                    return Some((1.0, tok.end));
                }
                if self.has(i, class::HALF) {
                    return Some((0.5, tok.end));
                }
                // A word that is not a number word and does not start with one.
                if !self.has(i, class::NUMBER | class::HYPHEN_NUMBER) {
                    return None;
                }
                let w = self.word(i);
                // Number words, in hyphenated segments: `twenty-five`, `five-year-old`.
                let mut total = 0.0;
                let mut pos = tok.start;
                let mut end = None;
                for seg in w.split('-') {
                    match lexicon::number_word(seg) {
                        Some(lexicon::NumWord::Small(v) | lexicon::NumWord::Tens(v)) => {
                            total += v;
                            pos += seg.len();
                            end = Some(pos);
                            pos += 1;
                        }
                        Some(lexicon::NumWord::Hundred) => {
                            total = f64::max(total, 1.0) * 100.0;
                            pos += seg.len();
                            end = Some(pos);
                            pos += 1;
                        }
                        _ => break,
                    }
                }
                end.map(|e| (total, e))
            }
            _ => None,
        }
    }

    /// A duration starting with a count at token `i`: `12 days`, `five-year-old`, `three
    /// days ago`, `for the past four years` (the lead is found looking back).
    fn duration_at(&mut self, i: usize) -> Option<usize> {
        if self.no_unit_after(i) {
            return None;
        }
        self.read_duration(i)
    }

    /// [`Run::duration_at`] without its quick check.
    fn read_duration(&mut self, i: usize) -> Option<usize> {
        let tok = self.tok(i)?;
        let (mut value, num_end) = self.count_at(i)?;
        let mut high_value = value;
        // The unit: glued with hyphens (`five-year-old`, `10-day`) or the next word.
        let (unit, unit_tok, age, unit_end_byte, mut next) = if num_end < tok.end {
            // Inside one hyphenated word: `five-year-old`.
            let rest = self.low.get(num_end + 1..tok.end).unwrap_or("");
            let mut parts = rest.split('-');
            let u = parts.next().unwrap_or("");
            let unit = *self.vocab.units.get(u)?;
            let age = parts.next() == Some("old");
            (unit, i, age, tok.end, i + 1)
        } else if self.is_punct(i + 1, '-') && self.glued(i, i + 1) && self.glued(i + 1, i + 2) {
            // `5-year-old`, `10-day`.
            let w = self.word(i + 2);
            let mut parts = w.split('-');
            let u = parts.next().unwrap_or("");
            let unit = *self.vocab.units.get(u)?;
            let age = parts.next() == Some("old");
            let end = self.tok(i + 2)?.end;
            (unit, i + 2, age, end, i + 3)
        } else {
            let mut u = i + 1;
            if self.has(i, class::HALF) {
                // `half an hour`, `half hour`.
                if self.has(u, class::ARTICLE) {
                    u += 1;
                }
            } else if self.has(i, class::ARTICLE) && self.has(u, class::HALF) {
                // `a half hour`.
                value = 0.5;
                high_value = value;
                u += 1;
            } else if let Some(k) = self.and_a_half(u) {
                // `two and a half hours`.
                value += 0.5;
                high_value = value;
                u = k;
            } else if (self.word(u) == "to" || self.is_punct(u, '-') || self.is_punct(u, '–'))
                && let Some((v2, _)) = self.count_at(u + 1)
                && self.tok(u + 1).map(|t| t.kind) == self.tok(i).map(|t| t.kind)
                && v2 > value
            {
                // `two to three years`, `10-12 days`.
                high_value = v2;
                u += 2;
            }
            let unit = self.unit_word(u)?;
            // `30 seconds`, but not `a second attack`.
            if self.has(u, class::FIGURE_ONLY) && self.has(i, class::ARTICLE | class::HALF) {
                return None;
            }
            let end = self.tok(u)?.end;
            match self.and_a_half(u + 1) {
                // `an hour and a half`.
                Some(k) if high_value == value && value.fract() == 0.0 => {
                    value += 0.5;
                    high_value = value;
                    (unit, k - 1, false, end, k)
                }
                _ => (unit, u, false, end, u + 1),
            }
        };
        // `1 month and 21 days ago`: a compound offset from the source's date;
        // `two years and three months`: one duration in the smaller unit.
        let (mut unit, mut unit_tok) = (unit, unit_tok);
        if !age
            && high_value == value
            && num_end == tok.end
            && unit_tok + 1 == next
            && !self.glued_unit(i, next)
        {
            let (parts, k) = self.compound_parts(value, unit, next);
            if parts.len() > 1 {
                if self.has(k, class::AGO) {
                    return self.compound_ago(i, &parts, k);
                }
                if let Some((v, u)) = combine(&parts) {
                    (value, high_value, unit, unit_tok, next) = (v, v, u, k - 1, k);
                }
            }
        }
        let _ = unit_tok;
        if self.has(i, class::ARTICLE) && high_value != value {
            return None;
        }
        // A count of something the unit is not: `a day`, `one year` count; `a year-long
        // inquiry` too. `the year` is not a duration; `a` needs the unit right after.
        let start_byte = tok.start;
        // `three days ago`, `two years ago today`.
        if !age && self.has(next, class::AGO) {
            let mut end_tok = next + 1;
            let mut exact = false;
            if self.word(end_tok) == "today" {
                exact = true;
                end_tok += 1;
            }
            if let Some(anchor) = self.anchor {
                let (first, last) = ago(anchor, value, unit, exact)?;
                let mut dc = DateClaim::empty();
                let d = if first == last { Some(first) } else { None };
                dc.year = Some(first.year()).filter(|_| first.year() == last.year());
                if let Some(d) = d {
                    dc.month = Some(d.month());
                    dc.day = Some(d.day());
                } else if first.year() == last.year() && first.month() == last.month() {
                    dc.month = Some(first.month());
                }
                dc.first = Some(first);
                dc.last = Some(last);
                dc.relative = Some(Relative {
                    phrase: self.phrase(i, end_tok - 1).into(),
                    kind: RelativeKind::Offset,
                    anchor,
                    first,
                    last,
                });
                self.push_date(i, end_tok, dc);
            }
            return Some(end_tok);
        }
        let _ = unit_end_byte;
        // Hedge and lead before the number.
        let (hedge, lead_start) = self.hedge_before(i);
        let mut form = DurationForm::Plain;
        let mut claim_start = lead_start;
        if age {
            form = DurationForm::Age;
        } else if let Some(ls) = self.span_lead_before(lead_start) {
            form = DurationForm::Span;
            claim_start = ls;
        }
        let _ = start_byte;
        let (mut low, mut high) = (value, high_value);
        let mut qualifier = if high_value != value {
            value = (value + high_value) / 2.0;
            Qualifier::Range
        } else {
            Qualifier::Exact
        };
        if let Some((phrase, h)) = &hedge {
            if h.kind != HedgeKind::Range {
                let (a, b) = (value * h.low, value * h.high);
                low = a.min(b);
                high = a.max(b);
                qualifier = h.kind.into();
            }
            let _ = phrase;
        }
        // What an age or an adjective qualifies: `the five-year-old fight against ISIL`.
        let mut subject = None;
        let mut subject_key = None;
        let adjectival = age || self.glued_unit(i, next);
        if adjectival {
            let mut words = Vec::new();
            let mut k = next;
            while words.len() < 3 {
                if self.word(k).len() < 2 || self.has(k, class::STOP) {
                    break;
                }
                words.push(k);
                k += 1;
            }
            if let (Some(&f), Some(&l)) = (words.first(), words.last()) {
                let (a, b) = (self.tok(f)?.start, self.tok(l)?.end);
                subject = Some(self.t.slice(a, b).into());
                subject_key = Some(self.vocab.normal(self.word(l)).into());
                next = l + 1;
            }
        }
        let d = DurationClaim {
            value,
            low,
            high,
            unit,
            qualifier,
            hedge: hedge.map(|h| h.0.into()),
            form,
            since: None,
            until: self.anchor,
            subject,
            subject_key,
            context: ClauseWords::default(),
        };
        let end_tok = if adjectival {
            next
        } else {
            next.min(unit_tok + 1)
        };
        self.push(
            claim_start,
            end_tok.max(i + 1),
            ClaimKind::Duration(Box::new(d)),
        );
        Some(end_tok.max(i + 1))
    }

    /// Whether no unit can follow a count at token `i`, so that [`Run::duration_at`] finds
    /// nothing there (as [`Run::read_duration`] would find): `i` is not hyphenated, and the token after it is neither a unit word
    /// nor one of what may stand between a count and its unit (`a`, `half`, `and`, `to`, a
    /// dash). Each reading of a duration needs a hyphen in or after `i`, or a unit word or
    /// one of these right after it; most counts (`a`, `an`, a figure) have none.
    fn no_unit_after(&self, i: usize) -> bool {
        let j = i + 1;
        let Some(next) = self.toks.get(j) else {
            return !self.hyphenated(i);
        };
        match next.kind {
            Kind::Punct('-' | '–') => false,
            Kind::Word => {
                next.class & (class::UNIT | class::ARTICLE | class::HALF) == 0
                    && !matches!(self.word(j), "and" | "to")
                    && !self.hyphenated(i)
            }
            _ => !self.hyphenated(i),
        }
    }

    /// Whether token `i` has a hyphen in it (`five-year-old`).
    fn hyphenated(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| {
            t.kind == Kind::Word
                && self
                    .t
                    .b
                    .get(t.start..t.end)
                    .is_some_and(|w| w.contains(&b'-'))
        })
    }

    /// The unit a word at token `i` names; a short acronym (`HR`, `SEC`, `MIN`) names none.
    fn unit_word(&self, i: usize) -> Option<TimeUnit> {
        if !self.has(i, class::UNIT) {
            return None;
        }
        let raw = self.raw(i);
        if (2..=3).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        self.vocab.units.get(self.word(i)).copied()
    }

    /// `and a half`, `and half` at token `i`: the token after it.
    fn and_a_half(&self, i: usize) -> Option<usize> {
        if self.word(i) != "and" {
            return None;
        }
        let mut k = i + 1;
        if self.has(k, class::ARTICLE) && self.word(k) != "another" {
            k += 1;
        }
        self.has(k, class::HALF).then_some(k + 1)
    }

    /// The parts of a compound duration whose first part, `value` `unit`, ends before token
    /// `next` (`2 years 1 month 21 days`, `1 month, 21 days`, `two years and three
    /// months`), and the token after the last part.
    fn compound_parts(
        &self,
        value: f64,
        unit: TimeUnit,
        next: usize,
    ) -> (Vec<(f64, TimeUnit)>, usize) {
        let mut parts = vec![(value, unit)];
        let mut k = next;
        loop {
            let mut j = k;
            if self.is_punct(j, ',') || self.word(j) == "and" {
                j += 1;
            }
            let Some((v, _)) = self.count_at(j) else {
                break;
            };
            let Some(u) = self.unit_word(j + 1) else {
                break;
            };
            if self.has(j + 1, class::FIGURE_ONLY) && self.has(j, class::ARTICLE) {
                break;
            }
            parts.push((v, u));
            k = j + 2;
        }
        (parts, k)
    }

    /// A compound offset from token `i` to `ago` at token `k` (`2 years 1 month 21 days
    /// ago`): the date it names is recorded and the token after `ago` returned.
    fn compound_ago(&mut self, i: usize, parts: &[(f64, TimeUnit)], k: usize) -> Option<usize> {
        let end_tok = k + 1;
        let Some(anchor) = self.anchor else {
            return Some(end_tok);
        };
        let d = anchor.checked_sub(offset_span(parts)?).ok()?;
        let mut dc = DateClaim::empty();
        dc.set_day(d);
        dc.relative = Some(Relative {
            phrase: self.phrase(i, k).into(),
            kind: RelativeKind::Offset,
            anchor,
            first: d,
            last: d,
        });
        self.push_date(i, end_tok, dc);
        Some(end_tok)
    }

    /// Whether the unit is glued to the number with a hyphen (`five-year`, `10-day`).
    fn glued_unit(&self, i: usize, next: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        let Some(last) = next.checked_sub(1).and_then(|k| self.tok(k)) else {
            return false;
        };
        let span = self.t.slice(t.start, last.end);
        span.contains('-') && !span.contains(' ')
    }

    /// The hedge just before token `i`: (the phrase and its definition), and the token the
    /// claim starts at.
    fn hedge_before(&self, i: usize) -> (Option<(String, crate::rules::Hedge)>, usize) {
        let max = self.rules.max_hedge_words;
        // Every phrase tried ends with the word before `i`: when no hedge phrase ends with
        // it, none is built.
        let last = i.wrapping_sub(1);
        let raw = self.raw(last);
        let ends = match self.word(last) {
            "" => false,
            w if raw.is_ascii() => self.rules.ends_hedge(w),
            _ => self.rules.ends_hedge(&raw.to_lowercase()),
        };
        if !ends {
            return (None, i);
        }
        for n in (1..=max.min(i)).rev() {
            let from = i - n;
            if (from..i).any(|k| self.word(k).is_empty()) {
                continue;
            }
            let phrase = self.phrase(from, i - 1).to_lowercase();
            if let Some(h) = self.rules.hedge(&phrase) {
                return (Some((phrase, h.clone())), from);
            }
        }
        (None, i)
    }

    /// A span lead (`for the past`) ending just before token `i`: the token it starts at.
    fn span_lead_before(&self, i: usize) -> Option<usize> {
        for lead in &self.vocab.span_leads {
            let n = lead.len();
            if n > i {
                continue;
            }
            if lead
                .iter()
                .enumerate()
                .all(|(k, w)| self.word(i - n + k) == w)
            {
                return Some(i - n);
            }
        }
        None
    }

    // ----- recording ---------------------------------------------------------------------

    /// Record a date claim over tokens `start..next`, deciding its role and event.
    fn push_date(&mut self, start: usize, next: usize, mut dc: DateClaim) {
        dc.role = self.role(start);
        if dc.role == DateRole::Start {
            dc.notes_mut().context = self.clause_words(self.lead_start(start));
        }
        if let Some(event) = self.event(start, next) {
            dc.notes_mut().event = Some(event);
        }
        self.push(start, next, ClaimKind::Date(Box::new(dc)));
    }

    /// The token before a date's lead word (`in`, `on`): where its clause ends.
    fn lead_start(&self, start: usize) -> usize {
        let mut k = start;
        while k > 0 && matches!(self.word(k - 1), "in" | "on" | "the" | "of" | "since") {
            k -= 1;
        }
        k
    }

    fn role(&mut self, start: usize) -> DateRole {
        // Publication: `published on`, `updated`, within four words before.
        let from = start.saturating_sub(4);
        for k in from..start {
            if self.class(k) & class::PUBLICATION != 0 {
                return DateRole::Publication;
            }
        }
        // Start: `began in`, `broke out in the spring of`.
        let lead = self.lead_start(start);
        for verb in &self.vocab.start_verbs {
            let n = verb.len();
            if n <= lead
                && verb
                    .iter()
                    .enumerate()
                    .all(|(k, w)| self.word(lead - n + k) == w)
            {
                return DateRole::Start;
            }
        }
        let Some(tok) = self.tok(start) else {
            return DateRole::Mention;
        };
        let para = self.source.paragraph_of(tok.start);
        let (caption, archive) = match self.para_flags {
            Some((p, flags)) if p == para => flags,
            _ => {
                let flags = self.paragraph_flags(para);
                self.para_flags = Some((para, flags));
                flags
            }
        };
        match (caption, archive) {
            (_, true) => DateRole::Archive,
            (true, false) => DateRole::Caption,
            _ => DateRole::Mention,
        }
    }

    /// Whether a paragraph has a caption word, and an archive word: found among the marked
    /// tokens, not by reading the paragraph.
    fn paragraph_flags(&self, para: usize) -> (bool, bool) {
        let range = self.source.paragraph_range(para);
        let start = |k: usize| self.toks.get(k).map_or(usize::MAX, |t| t.start.get());
        let first = self.marks.partition_point(|&k| start(k) < range.start);
        let mut flags = (false, false);
        for &k in &self.marks[first..] {
            if start(k) >= range.end {
                break;
            }
            let c = self.class(k);
            flags.0 |= c & class::CAPTION != 0;
            flags.1 |= c & class::ARCHIVE != 0;
        }
        flags
    }

    /// The event noun a date belongs to: `the crash on January 8`, `the Jan. 8 crash`.
    fn event(&self, start: usize, next: usize) -> Option<Box<str>> {
        if self.has(next, class::EVENT) {
            return Some(self.vocab.normal(self.word(next)).into());
        }
        let mut k = start;
        if k > 0 && matches!(self.word(k - 1), "on" | "of" | "in") {
            k -= 1;
        }
        let before = k.checked_sub(1)?;
        self.has(before, class::EVENT)
            .then(|| self.vocab.normal(self.word(before)).into())
    }

    fn push(&mut self, start: usize, next: usize, kind: ClaimKind) {
        let (Some(a), Some(b)) = (
            self.tok(start),
            next.checked_sub(1).and_then(|k| self.tok(k)),
        ) else {
            return;
        };
        let (s, e) = (a.start, b.end.max(a.start));
        let para = self.source.paragraph_of(s);
        let sentence = self.sentence(s, para);
        self.out.claims.push(Claim {
            source: index32(self.id),
            span: Span::new(s, e),
            figure: Span::new(s, e),
            sentence: sentence.into(),
            paragraph: index32(para),
            kind,
        });
    }

    /// The sentence holding `pos`.
    fn sentence(&mut self, pos: usize, para: usize) -> Range<usize> {
        self.sentences
            .at(&self.t, pos, self.source.paragraph_range(para))
    }

    /// The sentences that acknowledge a revised figure.
    fn revisions(&mut self) {
        let mut last_end = 0;
        for m in 0..self.marks.len() {
            let k = self.marks[m];
            if self.class(k) & class::REVISION == 0 {
                continue;
            }
            if !self.vocab.revision_at(|n| self.word(k + n)) {
                continue;
            }
            let Some(tok) = self.tok(k) else { continue };
            if tok.start < last_end {
                continue;
            }
            let para = self.source.paragraph_of(tok.start);
            let s = self.sentence(tok.start, para);
            last_end = s.end;
            self.out.revisions.push(s);
        }
    }
}

/// The value of a number token: digits, maybe with thousands commas and a decimal point.
fn number_value(s: &str) -> Option<f64> {
    // Up to 15 digits are an integer that an `f64` holds exactly, as parsing gives it.
    let mut v: u64 = 0;
    let mut digits = 0;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' if digits < 15 => {
                v = v * 10 + u64::from(b - b'0');
                digits += 1;
            }
            b',' => {}
            _ => return number_value_parsed(s),
        }
    }
    if digits == 0 {
        return number_value_parsed(s);
    }
    Some(v as f64)
}

/// [`number_value`] by parsing the text without its commas.
fn number_value_parsed(s: &str) -> Option<f64> {
    if s.contains(',') {
        s.replace(',', "").parse().ok()
    } else {
        s.parse().ok()
    }
}

/// The most likely day of a relative weekday: the last one before the anchor (or the
/// anchor itself, for a bare weekday), the one in the anchor's week, or the next one.
fn likely_weekday(anchor: Date, kind: RelativeKind, wd: Weekday) -> Option<Date> {
    let back = i64::from(wd.until(anchor.weekday()));
    let monday = add_days(anchor, -i64::from(anchor.weekday().to_monday_zero_offset()))?;
    match kind {
        // The one in the week before the anchor's (`yesterday` would name the closer one).
        RelativeKind::Last => add_days(monday, i64::from(wd.to_monday_zero_offset()) - 7),
        RelativeKind::Bare => add_days(anchor, -back),
        RelativeKind::Next => {
            let fwd = i64::from(anchor.weekday().until(wd));
            add_days(anchor, if fwd == 0 { 7 } else { fwd })
        }
        _ => add_days(monday, i64::from(wd.to_monday_zero_offset())),
    }
}

/// A compound duration as one figure in its smallest unit, when its units convert exactly:
/// years and months (`two years and three months` is 27 months), or weeks, days and
/// shorter units (`one week three days` is 10 days). Months and days do not mix.
fn combine(parts: &[(f64, TimeUnit)]) -> Option<(f64, TimeUnit)> {
    use TimeUnit::*;
    let calendar = |u: TimeUnit| matches!(u, Month | Year | Decade | Century);
    let first = parts.first()?.1;
    if parts.iter().any(|&(_, u)| calendar(u) != calendar(first)) {
        return None;
    }
    // Each unit in the group's base unit (months, or seconds).
    let base = |u: TimeUnit| -> f64 {
        match u {
            Month => 1.0,
            Year => 12.0,
            Decade => 120.0,
            Century => 1_200.0,
            Second => 1.0,
            Minute => 60.0,
            Hour => 3_600.0,
            Day => 86_400.0,
            Week => 604_800.0,
            Fortnight => 1_209_600.0,
        }
    };
    let smallest = parts
        .iter()
        .map(|&(_, u)| u)
        .min_by(|a, b| base(*a).total_cmp(&base(*b)))?;
    let total: f64 = parts.iter().map(|&(v, u)| v * base(u)).sum();
    Some((total / base(smallest), smallest))
}

/// The calendar span of a compound offset (`2 years 1 month 21 days`), whole units only;
/// hours and smaller units leave the day as it is.
fn offset_span(parts: &[(f64, TimeUnit)]) -> Option<jiff::Span> {
    let (mut years, mut months, mut weeks, mut days) = (0i64, 0i64, 0i64, 0i64);
    for &(v, u) in parts {
        if v.fract() != 0.0 || !(0.0..=10_000.0).contains(&v) {
            return None;
        }
        let n = v as i64;
        match u {
            TimeUnit::Second | TimeUnit::Minute | TimeUnit::Hour => {}
            TimeUnit::Day => days += n,
            TimeUnit::Week => weeks += n,
            TimeUnit::Fortnight => weeks += 2 * n,
            TimeUnit::Month => months += n,
            TimeUnit::Year => years += n,
            TimeUnit::Decade => years += 10 * n,
            TimeUnit::Century => years += 100 * n,
        }
    }
    jiff::Span::new()
        .try_years(years)
        .ok()?
        .try_months(months)
        .ok()?
        .try_weeks(weeks)
        .ok()?
        .try_days(days)
        .ok()
}

/// The days `value` units before `anchor` can be: one day for days (and for anything with
/// `today`), the whole week, month or year otherwise.
fn ago(anchor: Date, value: f64, unit: TimeUnit, exact: bool) -> Option<(Date, Date)> {
    if value.fract() != 0.0 || !(0.0..=10_000.0).contains(&value) {
        return None;
    }
    let n = value as i64;
    let span = match unit {
        TimeUnit::Second | TimeUnit::Minute | TimeUnit::Hour => return Some((anchor, anchor)),
        TimeUnit::Day => jiff::Span::new().try_days(n).ok()?,
        TimeUnit::Week => jiff::Span::new().try_weeks(n).ok()?,
        TimeUnit::Fortnight => jiff::Span::new().try_weeks(2 * n).ok()?,
        TimeUnit::Month => jiff::Span::new().try_months(n).ok()?,
        TimeUnit::Year => jiff::Span::new().try_years(n).ok()?,
        TimeUnit::Decade => jiff::Span::new().try_years(10 * n).ok()?,
        TimeUnit::Century => jiff::Span::new().try_years(100 * n).ok()?,
    };
    let d = anchor.checked_sub(span).ok()?;
    if exact || unit == TimeUnit::Day {
        return Some((d, d));
    }
    match unit {
        TimeUnit::Week | TimeUnit::Fortnight => Some((add_days(d, -3)?, add_days(d, 3)?)),
        TimeUnit::Month => Some((d.first_of_month(), d.last_of_month())),
        _ => Some((d.first_of_year(), d.last_of_year())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceKind;

    fn run(text: &str, date: Option<Date>) -> Vec<Claim> {
        let rules = Rules::builtin().unwrap();
        let src = Source::new("t.md", text.to_string(), SourceKind::Text).with_default_date(date);
        extract(
            src.text(),
            &src.text().to_ascii_lowercase(),
            &src,
            0,
            &rules,
            &mut Sentences::default(),
        )
        .claims
    }

    /// `f` on a pass over `text` (dated 2020-03-04) before any construct is read.
    fn with_run<R>(text: &str, f: impl FnOnce(&mut Run<'_, u32>) -> R) -> R {
        let rules = Rules::shipped();
        let date = Date::new(2020, 3, 4).ok();
        let src = Source::new("t.md", text.to_string(), SourceKind::Text).with_default_date(date);
        let low = src.text().to_ascii_lowercase();
        let Tokens { toks, marks, .. } = tokens::<u32>(Text::new(src.text()), &low, &rules.time);
        let mut sentences = Sentences::default();
        let mut run = Run {
            t: Text::new(src.text()),
            low: &low,
            toks,
            vocab: &rules.time,
            rules,
            source: &src,
            id: 0,
            anchor: src.date,
            out: TimeExtraction::default(),
            marks,
            para_flags: None,
            sentences: &mut sentences,
        };
        f(&mut run)
    }

    fn dates(text: &str, date: Option<Date>) -> Vec<(String, DateClaim)> {
        run(text, date)
            .into_iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Date(d) => Some((text[c.span.range()].to_string(), *d)),
                _ => None,
            })
            .collect()
    }

    fn durations(text: &str, date: Option<Date>) -> Vec<(String, DurationClaim)> {
        run(text, date)
            .into_iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Duration(d) => Some((text[c.span.range()].to_string(), *d)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_shipped_vocabulary_is_loaded() {
        let rules = Rules::builtin().unwrap();
        let v = &rules.time;
        assert_eq!(v.months.get("sept"), Some(&9));
        assert_eq!(v.normalise("conflicts"), "war");
    }

    #[test]
    fn absolute_dates_in_every_common_form() {
        for (text, iso, span) in [
            (
                "It opened on March 4, 2019 downtown.",
                "2019-03-04",
                "March 4, 2019",
            ),
            ("It opened Mar. 4, 2019.", "2019-03-04", "Mar. 4, 2019"),
            ("It opened on 4 March 2019.", "2019-03-04", "4 March 2019"),
            ("It opened on 2019-03-04.", "2019-03-04", "2019-03-04"),
            ("It opened in June 2016.", "2016-06", "June 2016"),
            (
                "It began in the spring of 2011.",
                "2011-spring",
                "spring of 2011",
            ),
            ("It was built in 1998.", "1998", "1998"),
            ("It opened on Monday, Mar. 4.", "--03-04", "Monday, Mar. 4"),
        ] {
            let found = dates(text, None);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].1.iso(), iso, "{text}");
            assert_eq!(found[0].0, span, "{text}");
        }
        let d = &dates("on Monday, February 20, 2017 in", None)[0].1;
        assert_eq!(d.weekday, Some(Weekday::Monday));
    }

    #[test]
    fn relative_dates_resolve_against_the_source_date() {
        let wed = jiff::civil::date(2020, 1, 15);
        for (text, iso) in [
            ("It happened last Friday.", "2020-01-10"),
            ("It happened last Tuesday.", "2020-01-07"),
            ("It happened on Thursday.", "2020-01-09"),
            ("It happened yesterday.", "2020-01-14"),
            ("It happened three days ago.", "2020-01-12"),
            ("It happened two years ago today.", "2018-01-15"),
            ("It happened last week.", "2020-01-06/2020-01-12"),
        ] {
            let found = dates(text, Some(wed));
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].1.iso(), iso, "{text}");
            assert!(found[0].1.relative.is_some());
        }
        let week = &dates("It happened last week.", Some(wed))[0].1;
        assert_eq!(week.first, Some(jiff::civil::date(2020, 1, 6)));
        assert_eq!(week.last, Some(jiff::civil::date(2020, 1, 12)));
        let fri = &dates("It happened last Friday.", Some(wed))[0].1;
        assert_eq!(fri.weekday, Some(Weekday::Friday));
    }

    #[test]
    fn durations_and_ages() {
        let d2019 = Some(jiff::civil::date(2019, 6, 1));
        let age = &durations("the six-year-old conflict in Syria", d2019)[0];
        assert_eq!(age.0, "six-year-old conflict");
        assert_eq!((age.1.value, age.1.form), (6.0, DurationForm::Age));
        assert_eq!(age.1.subject_key.as_deref(), Some("war"));
        let plane = &durations("a two-year-old Airbus A320", d2019)[0];
        assert_eq!(plane.1.subject.as_deref(), Some("Airbus"));
        let span = &durations("It has grown for the past four years.", d2019)[0];
        assert_eq!((span.1.value, span.1.form), (4.0, DurationForm::Span));
        assert_eq!(span.0, "for the past four years");
        let more = &durations("It lasted more than 20 years.", d2019)[0];
        assert_eq!(more.1.low, 20.0);
        assert!(more.1.high.is_infinite());
        // A hedge in capitals, and one of several words, are hedges as well.
        let capital = &durations("It lasted More Than 20 years.", d2019)[0];
        assert_eq!(capital.1.hedge.as_deref(), Some("more than"));
        let long = &durations("It lasted a little more than 20 years.", d2019)[0];
        assert_eq!(long.1.hedge.as_deref(), Some("a little more than"));
        assert_eq!(long.0, "a little more than 20 years");
        let days = &durations("a siege of 12 days", d2019)[0];
        assert_eq!((days.1.value, days.1.unit), (12.0, TimeUnit::Day));
        let since = &durations("The war has raged since 2011.", d2019)[0];
        assert_eq!(since.1.form, DurationForm::Since);
        assert_eq!(since.1.value, 8.0);
        assert!(since.1.context.contains("war"));
        let digits = &durations("a 5-year-old boy", d2019)[0];
        assert_eq!((digits.1.value, digits.1.form), (5.0, DurationForm::Age));
    }

    #[test]
    fn minutes_seconds_halves_and_compound_durations() {
        let d = Some(jiff::civil::date(2016, 11, 7));
        for (text, span, value, unit) in [
            (
                "The talks took 45 minutes.",
                "45 minutes",
                45.0,
                TimeUnit::Minute,
            ),
            ("It lasted 3 hrs in all.", "3 hrs", 3.0, TimeUnit::Hour),
            (
                "They ran a 30-second advert.",
                "30-second advert",
                30.0,
                TimeUnit::Second,
            ),
            (
                "It took two and a half hours.",
                "two and a half hours",
                2.5,
                TimeUnit::Hour,
            ),
            (
                "It took an hour and a half.",
                "an hour and a half",
                1.5,
                TimeUnit::Hour,
            ),
            ("It took half an hour.", "half an hour", 0.5, TimeUnit::Hour),
            (
                "They waited another week.",
                "another week",
                1.0,
                TimeUnit::Week,
            ),
            (
                "The siege lasted two years and three months.",
                "two years and three months",
                27.0,
                TimeUnit::Month,
            ),
            (
                "It ran one week three days.",
                "one week three days",
                10.0,
                TimeUnit::Day,
            ),
        ] {
            let found = durations(text, d);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, span, "{text}");
            assert_eq!((found[0].1.value, found[0].1.unit), (value, unit), "{text}");
        }
        // An ordinal is not a second, and an acronym is not a unit.
        assert!(durations("A second attack followed.", d).is_empty());
        assert!(durations("It laid off 40 HR staff and 12 SEC lawyers.", d).is_empty());
    }

    #[test]
    fn weekdays_of_a_named_week_compound_offsets_and_days_of_a_month() {
        let mon = Some(jiff::civil::date(2016, 11, 7));
        for (text, iso, span) in [
            (
                "The vote is on Friday next week.",
                "2016-11-18",
                "Friday next week",
            ),
            (
                "The vote is next week on Friday.",
                "2016-11-18",
                "next week on Friday",
            ),
            ("It was last week Sunday.", "2016-11-06", "last week Sunday"),
            (
                "It is due Sunday of this week.",
                "2016-11-13",
                "Sunday of this week",
            ),
            (
                "It ended 1 month and 21 days ago.",
                "2016-09-16",
                "1 month and 21 days ago",
            ),
            (
                "It ended 2 years, 3 months ago.",
                "2014-08-07",
                "2 years, 3 months ago",
            ),
            ("It opened on the 4th of July.", "--07-04", "4th of July"),
        ] {
            let found = dates(text, mon);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].1.iso(), iso, "{text}");
            assert_eq!(found[0].0, span, "{text}");
        }
    }

    #[test]
    fn words_that_look_like_dates_are_not() {
        for text in [
            "You may go.",
            "The march was long.",
            "They met on Black Friday sales.",
            "Room 2019 is closed.",
            "He was 4.5 metres tall.",
        ] {
            assert!(
                dates(text, None).is_empty(),
                "{text}: {:?}",
                dates(text, None)
            );
        }
    }

    #[test]
    fn roles() {
        let d = &dates("This report was first published on January 13, 2020.", None)[0].1;
        assert_eq!(d.role, DateRole::Publication);
        let d = &dates("File photo of soldiers on Monday, February 20, 2017.", None)[0].1;
        assert_eq!(d.role, DateRole::Archive);
        let d = &dates("The war began in 2011.", None)[0].1;
        assert_eq!(d.role, DateRole::Start);
        assert!(d.context().is_some_and(|c| c.contains("war")));
        let d = &dates("The crash on January 8, 2020 killed all aboard.", None)[0].1;
        assert_eq!(d.event(), Some("crash"));
    }

    /// The tokens found character by character with [`Text::token_at`], the plain reading
    /// that [`tokens`]' byte fast paths must keep.
    fn tokens_by_chars(t: Text<'_>) -> Vec<Tok> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut newlines = 0;
        while let Some(c) = t.char_at(i) {
            if c == '\n' {
                newlines += 1;
                if newlines == 2 {
                    out.push(Tok {
                        kind: Kind::End,
                        start: i,
                        end: i,
                    });
                }
                i += 1;
                continue;
            }
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            newlines = 0;
            let tok = t.token_at(i);
            i = tok.end.max(i + c.len_utf8());
            out.push(tok);
        }
        out
    }

    /// The shipped vocabulary.
    fn shipped() -> &'static Vocab {
        &Rules::shipped().time
    }

    /// [`Vocab::normalise`] as plainly written, building each string, which
    /// [`Vocab::normal`] must agree with.
    fn normalise_by_strings(v: &Vocab, word: &str) -> String {
        let lw = word.to_lowercase().replace('’', "'");
        let lw = lw.strip_suffix("'s").unwrap_or(&lw).to_string();
        if let Some(k) = v.kin.get(&lw) {
            return k.clone();
        }
        let singular = if lw.len() > 3 && lw.ends_with('s') && !lw.ends_with("ss") {
            &lw[..lw.len() - 1]
        } else {
            lw.as_str()
        };
        match v.kin.get(singular) {
            Some(k) => k.clone(),
            None => singular.to_string(),
        }
    }

    #[test]
    fn each_class_bit_is_its_list() {
        let v = shipped();
        let mut words: Vec<&str> = v.classes.keys().map(String::as_str).collect();
        words.extend(["", "x", "days-long", "Years", "thé", "aboutaboutaboutabout"]);
        for w in words {
            let c = v.class(w);
            let has = |bit: u32| c & bit != 0;
            assert_eq!(has(class::MONTH), v.months.contains_key(w), "{w}");
            assert_eq!(has(class::WEEKDAY), v.weekdays.contains_key(w), "{w}");
            assert_eq!(has(class::SEASON), v.seasons.contains_key(w), "{w}");
            assert_eq!(has(class::LAST), v.last.contains(w), "{w}");
            assert_eq!(has(class::THIS), v.this.contains(w), "{w}");
            assert_eq!(has(class::NEXT), v.next.contains(w), "{w}");
            assert_eq!(has(class::YEAR_LEAD), v.year_leads.contains(w), "{w}");
            assert_eq!(has(class::ARTICLE), v.articles.contains(w), "{w}");
            assert_eq!(has(class::HALF), v.half.contains(w), "{w}");
            assert_eq!(has(class::UNIT), v.units.contains_key(w), "{w}");
            let figure_only = v.figure_only_units.contains(w);
            assert_eq!(has(class::FIGURE_ONLY), figure_only, "{w}");
            assert_eq!(has(class::AGO), v.ago.contains(w), "{w}");
            assert_eq!(has(class::EVENT), v.events.contains(w), "{w}");
            assert_eq!(has(class::STOP), v.subject_stops.contains(w), "{w}");
            assert!(!has(class::HYPHEN_NUMBER), "{w}");
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Texts of the pieces tokens and their classes depend on: words of the vocabulary
        /// in any case, other words, long words, hyphens, apostrophes, other letters,
        /// digits, space and punctuation.
        fn texts() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "May",
                "é",
                "中",
                "-",
                "’",
                "'",
                "3",
                "1,200",
                "2.5",
                " ",
                "\n",
                "\r\n",
                "\n\n",
                "\t",
                "\u{b}",
                "\u{c}",
                "\u{a0}",
                "\u{2003}",
                ".",
                ",",
                "—",
                "x-",
                "l’é",
                "the",
                "The",
                "THE",
                "a",
                "an",
                "since",
                "Monday",
                "Sept",
                "spring",
                "years",
                "five",
                "Twenty",
                "-year-old",
                "old",
                "ago",
                "crash",
                "in",
                "of",
                "half",
                "second",
                "Published",
                "photo",
                "file",
                "previously",
                "war",
                "abcdefghijklmno",
                "p",
                "thousand",
                "zz",
            ]);
            prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]

            /// The byte fast paths cut a text into the same tokens as the character walk.
            #[test]
            fn tokens_match_the_character_walk(
                s in prop::collection::vec(prop::sample::select(vec![
                    "May", "é", "中", "-", "’", "'", "3", "1,200", "2.5", " ", "\n", "\r\n",
                    "\n\n", "\t", "\u{b}", "\u{c}", "\u{a0}", "\u{2003}", ".", ",", "—",
                    "x-", "l’é",
                ]), 0..30).prop_map(|v| v.concat()),
            ) {
                let t = Text::new(&s);
                let low = s.to_ascii_lowercase();
                let toks = tokens::<u32>(t, &low, shipped()).toks;
                let toks: Vec<Tok> = toks.iter().map(|t| t.tok()).collect();
                prop_assert_eq!(toks, tokens_by_chars(t));
            }

            /// The classes read from packed bytes while tokenising are those of the
            /// lowercased words looked up as strings, and the starts are the numbers and the
            /// words with a start bit.
            #[test]
            fn token_classes_match_the_lookup(s in texts()) {
                let v = shipped();
                let t = Text::new(&s);
                let low = s.to_ascii_lowercase();
                let got = tokens::<u32>(t, &low, v);
                let toks: Vec<Tok> = got.toks.iter().map(|t| t.tok()).collect();
                prop_assert_eq!(&toks, &tokens_by_chars(t));
                // Whole offsets give the same tokens.
                let wide = tokens::<usize>(t, &low, v);
                let wide_toks: Vec<Tok> = wide.toks.iter().map(|t| t.tok()).collect();
                prop_assert_eq!(&wide_toks, &toks);
                let got_classes: Vec<u32> = got.toks.iter().map(|t| t.class).collect();
                let wide_classes: Vec<u32> = wide.toks.iter().map(|t| t.class).collect();
                prop_assert_eq!(&wide_classes, &got_classes);
                prop_assert_eq!(&wide.starts, &got.starts);
                prop_assert_eq!(&wide.marks, &got.marks);
                let classes: Vec<u32> = toks
                    .iter()
                    .map(|t| match t.kind {
                        Kind::Word => {
                            let w = &low[t.start..t.end];
                            let mut c = v.class(w);
                            if let Some((first, _)) = crate::extract::scan::split_hyphen(w)
                                && v.class(first) & class::NUMBER != 0
                            {
                                c |= class::HYPHEN_NUMBER;
                            }
                            c
                        }
                        _ => 0,
                    })
                    .collect();
                prop_assert_eq!(&got_classes, &classes);
                let starts: Vec<usize> = (0..got.toks.len())
                    .filter(|&k| {
                        got.toks[k].kind == Kind::Number || classes[k] & class::STARTS != 0
                    })
                    .collect();
                prop_assert_eq!(got.starts, starts);
                let marks: Vec<usize> = (0..got.toks.len())
                    .filter(|&k| classes[k] & class::MARKS != 0)
                    .collect();
                prop_assert_eq!(got.marks, marks);
            }

            /// The revision phrases found through their first word are those found by
            /// trying each phrase.
            #[test]
            fn revision_phrases_match_trying_each(
                words in prop::collection::vec(prop::sample::select(vec![
                    "previously", "had", "said", "reported", "first", "an", "earlier", "was",
                    "were", "revised", "down", "up", "from", "the", "", "initially",
                ]), 1..5),
            ) {
                let v = shipped();
                let word = |n: usize| words.get(n).copied().unwrap_or("");
                let plain = v
                    .revision
                    .iter()
                    .any(|p| p.iter().enumerate().all(|(n, pw)| word(n) == pw.as_str()));
                prop_assert_eq!(v.revision_at(word), plain);
            }

            /// Where no unit can follow a count, reading a duration there finds none and
            /// records nothing.
            #[test]
            fn no_duration_where_no_unit_can_follow(
                s in prop::collection::vec(prop::sample::select(vec![
                    "a", "an", "A", "half", "and", "to", "-", "–", "3", "10", "1,200", "five",
                    "twenty-five", "five-year-old", "ten-day", "years", "year", "days", "hour",
                    "hours", "second", "minutes", "ago", "old", "long", "war", "the", ",", ".",
                    "HR", "another", "one", "two", "and a half",
                ]), 0..12).prop_map(|v| v.join(" ")),
                glue in prop::collection::vec(any::<bool>(), 0..12),
            ) {
                // Some pieces glued to the next one: `5-year`, `10-12`.
                let mut text = String::new();
                for (k, piece) in s.split(' ').enumerate() {
                    if k > 0 && !glue.get(k).copied().unwrap_or(false) {
                        text.push(' ');
                    }
                    text.push_str(piece);
                }
                with_run(&text, |run| {
                    for i in 0..run.toks.len() {
                        if run.no_unit_after(i) {
                            let plain = run.read_duration(i);
                            prop_assert!(plain.is_none(), "{text:?} at {i}");
                            prop_assert!(run.out.claims.is_empty(), "{text:?} at {i}");
                        }
                    }
                    Ok(())
                })?;
            }

            /// A phrase taken as one slice is the phrase built word by word.
            #[test]
            fn phrases_match_building_word_by_word(
                s in prop::collection::vec(prop::sample::select(vec![
                    "last", "Friday", "three", "days", "ago", " ", "  ", "\n", ",", "-", "é",
                    "’", "2019", "l’été", "\t", "x-y",
                ]), 0..10).prop_map(|v| v.join(" ")),
            ) {
                with_run(&s, |run| {
                    let n = run.toks.len();
                    for from in 0..=n {
                        for to in from.saturating_sub(1)..=n {
                            prop_assert_eq!(
                                run.phrase(from, to),
                                run.phrase_by_words(from, to),
                                "{:?} {}..={}", s, from, to
                            );
                        }
                    }
                    Ok(())
                })?;
            }

            /// Where a number can start no date, reading an explicit date there finds none.
            #[test]
            fn no_explicit_date_where_a_number_cannot_start_one(
                s in prop::collection::vec(prop::sample::select(vec![
                    "4", "04", "2019", "12", "123", "1,200", "3.5", "20000", "-", "03", "-04",
                    "March", "Mar.", "of", "July", "th", "4th", ",", " ", "the", "spring",
                    "2019-03-04", "31", "2,019", "1st", "22nd", "3rd", "OF", "4:30", "5%",
                    "people", "days", "2019-20", "4—", "May", "Sept.",
                ]), 0..10).prop_map(|v| v.join(" ")),
            ) {
                with_run(&s, |run| {
                    for i in 0..run.toks.len() {
                        if run.no_date_at_number(i) {
                            prop_assert!(run.read_explicit(i).is_none(), "{s:?} at {i}");
                        }
                    }
                    Ok(())
                })?;
            }

            /// Where a token is not a number of four bytes, no year is read there.
            #[test]
            fn no_year_but_in_a_number_of_four_bytes(
                s in prop::collection::vec(prop::sample::select(vec![
                    "2019", "1999", "999", "12345", "2,019", "20.1", "in", "x", "-", " ", "1000",
                    "2100", "2101", "0999", "é", "٢٠١٩",
                ]), 0..10).prop_map(|v| v.concat()),
            ) {
                with_run(&s, |run| {
                    for i in 0..=run.toks.len() {
                        if !run.four_bytes_number(i) {
                            prop_assert!(run.year(i).is_none(), "{s:?} at {i}");
                        }
                    }
                    Ok(())
                })?;
            }

            /// A number's value read digit by digit is the value parsed.
            #[test]
            fn number_values_match_parsing(s in "[0-9][0-9,.]{0,24}") {
                let got = number_value(&s);
                let parsed: Option<f64> = s.replace(',', "").parse().ok();
                prop_assert_eq!(got.map(f64::to_bits), parsed.map(f64::to_bits));
            }

            /// A run of letters is found and packed as the byte loop and [`pack`] find and
            /// pack it, wherever it ends.
            #[test]
            fn letters_match_the_byte_loop(
                s in "[a-zA-Z]{1,20}[ -~\u{80}-\u{10ff}]{0,20}",
                skip in 0usize..3,
            ) {
                let b = s.as_bytes();
                let i = skip.min(b.len() - 1);
                prop_assume!(b[i].is_ascii_alphabetic());
                let mut j = i;
                while j < b.len() && b[j].is_ascii_alphabetic() {
                    j += 1;
                }
                let packed = pack(&b[i..j].to_ascii_lowercase());
                prop_assert_eq!(letters(b, i), (j, packed));
            }

            /// A short word read from eight bytes ends where [`letters`] ends it, with the
            /// byte after it and the class bits of its packed word, and is read exactly
            /// when the tokeniser's plain check would take that word.
            #[test]
            fn short_words_match_letters_and_the_lookup(
                s in "(may|the|sept|years|ago|[a-zA-Z]{1,10})[ -~\u{80}-\u{10ff}]{0,10}",
            ) {
                let v = shipped();
                let b = s.as_bytes();
                let (j, packed) = letters(b, 0);
                let plain = b
                    .get(j)
                    .is_none_or(|&n| n < 0x80 && n != b'-' && n != b'\'');
                let short = b.len() >= 8 && j < 8 && j < b.len() && plain;
                match short_word(b, 0, &v.packed) {
                    Some((end, next, bits)) => {
                        prop_assert!(short);
                        prop_assert_eq!(end, j);
                        prop_assert_eq!(next, b[j]);
                        prop_assert_eq!(Some(bits), packed.map(|k| v.packed.get(k)));
                        prop_assert_eq!(bits, v.class(&s[..j].to_ascii_lowercase()));
                    }
                    None => prop_assert!(!short),
                }
            }

            /// Normalising without building strings gives the plain answer.
            #[test]
            fn normal_matches_the_plain_normalise(
                w in "(war|conflicts|[a-zA-Z’'é-]{0,12})('s|’s|s|ss)?",
            ) {
                let v = shipped();
                prop_assert_eq!(v.normal(&w).into_owned(), normalise_by_strings(v, &w));
            }
        }
    }
}

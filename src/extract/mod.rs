//! Extraction: prose in, typed claims out.
//!
//! One pass over each source's prose finds every place a figure starts (digits, number
//! words, vague words such as `dozens`, anaphora such as `a similar number`), with one
//! automaton built from the lexicon and the rules. Each figure is then read in place:
//! its hedge before it, its magnitude, unit or range after it, and the subject it counts.
//! Figures that are not claims (years, times, identifiers, ordinals, page furniture) are
//! recognised and set aside with the reason.

mod frames;
pub mod lexicon;
pub mod names;
mod number;
pub mod quotes;
pub mod scan;
pub(crate) mod sentence;
mod subject;
pub mod time;
mod triggers;
pub mod units;

use std::num::NonZeroU32;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::rules::{HedgeKind, Rules};
pub use crate::source::Span;
use crate::source::{Source, SourceId};

pub use frames::{
    ChangeBy, ChangeFrame, Frame, ListFrame, MultipleFrame, ShareFrame, ShareOf, WHOLE_MARK,
};
pub use sentence::sentence_at;
pub use time::{DateClaim, DateRole, DurationClaim, DurationForm, TimeUnit};

pub use units::Dimension;

/// What a quantity is measured in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Unit {
    /// A count of things.
    #[default]
    Count,
    /// A percentage.
    Percent,
    /// A difference between two percentages (`five percentage points`).
    PercentagePoints,
    /// Money, by currency code (`USD`, `CAD`, `EUR`; `$` when the dollar is not named).
    Currency(&'static str),
    /// A physical measure, its value converted to the dimension's base unit (`9,000 feet`
    /// is 2,743.2 m); the unit as written is kept in [`Quantity::stated_unit`].
    Measure(Dimension),
}

impl Unit {
    pub fn as_str(&self) -> &str {
        match self {
            Unit::Count => "count",
            Unit::Percent => "percent",
            Unit::PercentagePoints => "percentage points",
            Unit::Currency(c) => c,
            Unit::Measure(d) => d.base_symbol(),
        }
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How a figure is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// Stated as is.
    #[default]
    Exact,
    /// A hedge such as `around`.
    Approximate,
    /// A lower bound such as `more than`.
    Lower,
    /// An upper bound such as `fewer than`.
    Upper,
    /// A range such as `between 20 and 30`.
    Range,
    /// A vague word such as `dozens`.
    Vague,
    /// A repetition of an earlier figure (`a similar number`).
    Anaphora,
}

impl From<HedgeKind> for Qualifier {
    fn from(k: HedgeKind) -> Qualifier {
        match k {
            HedgeKind::Approximate => Qualifier::Approximate,
            HedgeKind::Lower => Qualifier::Lower,
            HedgeKind::Upper => Qualifier::Upper,
            HedgeKind::Range => Qualifier::Range,
        }
    }
}

/// What a quantity counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    /// The noun phrase (with its location), as written.
    pub text: Arc<str>,
}

/// The index of a claim among the claims it is kept with, in 32 bits (so that an
/// `Option<ClaimRef>` takes 4 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimRef(NonZeroU32);

impl ClaimRef {
    /// The reference to the claim at `index`.
    ///
    /// # Panics
    /// If `index` does not fit in 32 bits (four billion claims).
    pub fn new(index: usize) -> ClaimRef {
        let n = u32::try_from(index)
            .ok()
            .and_then(|i| NonZeroU32::new(i.wrapping_add(1)))
            .expect("a claim index fits in 32 bits");
        ClaimRef(n)
    }

    /// The claim's index.
    pub fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

/// Which way a figure moved, for change language (`rose 5%`, `down 3 points`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Up,
    Down,
}

/// A count or amount. Every field has a default, so a quantity is built with
/// `Quantity { value, low, high, ..Quantity::default() }`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quantity {
    /// The figure as stated (the midpoint of a range).
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub qualifier: Qualifier,
    /// The hedge as written, lowercased (`around`, `more than`).
    pub hedge: Option<Arc<str>>,
    pub unit: Unit,
    pub subject: Option<Subject>,
    /// The key two sources can share, when the subject is specific enough.
    pub key: Option<Arc<str>>,
    /// Whether the key was given by a named key in the rules.
    pub named_key: bool,
    /// The figure counts part of a group named after it (`12 of the 40`).
    pub partitive: bool,
    /// For anaphora, the figure repeated (in the same source's claims).
    pub refers_to: Option<ClaimRef>,
    /// The frame (an index into the frames) this figure is an item, total or endpoint of:
    /// a list, a change or a multiple.
    pub frame: Option<u32>,
    /// For change language, which way the figure moved (or, for an endpoint, the way the
    /// change it ends went).
    pub direction: Option<Direction>,
    /// The claim (like `refers_to`) this figure counts part of: `12 of the 40`, an item
    /// of a list with a stated total.
    pub part_of: Option<ClaimRef>,
    /// The figure is marked as a total (`all 160`, `a total of 185`, `57 in all`).
    pub is_total: bool,
    /// The figure and unit as written, for the few figures converted or restated.
    pub stated: Option<Box<Stated>>,
}

/// What a measure or share states besides its value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stated {
    /// For a measure, the figure in the unit as written (`25` for `25 miles`).
    pub value: Option<f64>,
    /// For a measure, the unit as written, by its canonical name (`mile`).
    pub unit: Option<String>,
    /// A conversion given in brackets after the figure (`(25 miles)`): the same claim
    /// stated again.
    pub restated: Option<Restated>,
}

/// A figure restated in brackets in another unit: `40 kilometres (25 miles)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Restated {
    /// The brackets and what they hold.
    pub span: Range<usize>,
    /// The figure as written in the brackets.
    pub value: f64,
    /// Its unit, by canonical name (`mile`).
    pub unit: String,
}

impl Quantity {
    /// Whether the figure is stated exactly (no hedge, range or vagueness).
    pub fn is_exact(&self) -> bool {
        self.qualifier == Qualifier::Exact
    }

    /// For a measure, the figure in the unit as written (`25` for `25 miles`).
    pub fn stated_value(&self) -> Option<f64> {
        self.stated.as_ref().and_then(|s| s.value)
    }

    /// For a measure, the unit as written, by its canonical name (`mile`).
    pub fn stated_unit(&self) -> Option<&str> {
        self.stated.as_ref().and_then(|s| s.unit.as_deref())
    }

    /// A conversion given in brackets after the figure (`(25 miles)`).
    pub fn restated(&self) -> Option<&Restated> {
        self.stated.as_ref().and_then(|s| s.restated.as_ref())
    }

    /// What the figure states besides its value, made empty when it has none yet.
    pub fn stated_mut(&mut self) -> &mut Stated {
        self.stated.get_or_insert_with(Box::default)
    }
}

/// What kind of entity a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    /// A capitalised name the text does not say more about.
    Unknown,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
            EntityKind::Unknown => "name",
        }
    }
}

/// A title or role attached to a person's name (`Defence Minister`, `the defence minister`).
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// As written, single-spaced.
    pub text: Arc<str>,
    pub span: Span,
}

/// A name of a person, organisation or place.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// The name as written (title and possessive `'s` left out), single-spaced: one copy
    /// for all the claims of a source that write it the same (and, once gathered, of
    /// every source).
    pub text: Arc<str>,
    pub kind: EntityKind,
    pub title: Option<Box<Title>>,
    /// For a short reference (`Doe said`), the full name's claim.
    pub refers_to: Option<ClaimRef>,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words, the pieces of a quotation continued across paragraphs joined by
    /// a space.
    pub text: Box<str>,
    /// Where the quoted words are, one span per paragraph.
    pub pieces: Box<[Span]>,
    /// Who said it, as written, when the text says.
    pub speaker: Option<Arc<str>>,
    pub speaker_span: Option<Span>,
    /// The name claim that names the speaker (a pronoun resolves to the person named last).
    pub speaker_claim: Option<ClaimRef>,
}

/// What a claim asserts. The larger kinds are boxed so that a claim stays small: a text
/// holds about one claim per 80 bytes, most of them names.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimKind {
    Quantity(Box<Quantity>),
    /// A date: a year, a month, a season or a day, maybe relative to the source's date.
    Date(Box<DateClaim>),
    /// A duration or an age: `12 days`, `since 2011`, `the six-year-old conflict`.
    Duration(Box<DurationClaim>),
    Name(Name),
    Quote(Box<Quote>),
}

/// One claim, located in its source. Its offsets and numbers are held in 32 bits (a
/// source is at most 4 GiB), so that a claim stays small; [`Claim::source_id`] and
/// [`Claim::paragraph`] read them as indices.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The source's index (a [`SourceId`]).
    pub source: u32,
    /// The paragraph number (0-based) in the source.
    pub paragraph: u32,
    /// The claim's text: hedge, figure, unit and subject.
    pub span: Span,
    /// The figure alone, with its hedge and unit.
    pub figure: Span,
    pub sentence: Span,
    pub kind: ClaimKind,
}

/// A source id or paragraph number held in a claim's 32 bits.
pub fn index32(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 sources and paragraphs")
}

impl Claim {
    /// The source the claim is in.
    pub fn source_id(&self) -> SourceId {
        self.source as usize
    }

    /// The paragraph number (0-based) the claim is in.
    pub fn paragraph(&self) -> usize {
        self.paragraph as usize
    }

    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.kind {
            ClaimKind::Quantity(q) => Some(q),
            ClaimKind::Date(_)
            | ClaimKind::Duration(_)
            | ClaimKind::Name(_)
            | ClaimKind::Quote(_) => None,
        }
    }

    pub fn date(&self) -> Option<&DateClaim> {
        match &self.kind {
            ClaimKind::Date(d) => Some(d),
            _ => None,
        }
    }

    pub fn name(&self) -> Option<&Name> {
        match &self.kind {
            ClaimKind::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn duration(&self) -> Option<&DurationClaim> {
        match &self.kind {
            ClaimKind::Duration(d) => Some(d),
            _ => None,
        }
    }

    pub fn quote(&self) -> Option<&Quote> {
        match &self.kind {
            ClaimKind::Quote(q) => Some(q),
            _ => None,
        }
    }

    /// What the claim is, in one word: `quantity`, `date`, `duration`, `name`, `quote`.
    pub fn kind_str(&self) -> &'static str {
        match &self.kind {
            ClaimKind::Quantity(_) => "quantity",
            ClaimKind::Date(_) => "date",
            ClaimKind::Duration(_) => "duration",
            ClaimKind::Name(_) => "name",
            ClaimKind::Quote(_) => "quote",
        }
    }

    /// Renumber the claim indices it holds through `map`.
    pub fn remap_refs(&mut self, map: impl Fn(usize) -> Option<usize>) {
        let remap = |r: &mut Option<ClaimRef>| {
            *r = r.and_then(|c| map(c.index())).map(ClaimRef::new);
        };
        match &mut self.kind {
            ClaimKind::Quantity(q) => {
                remap(&mut q.refers_to);
                remap(&mut q.part_of);
            }
            ClaimKind::Date(_) | ClaimKind::Duration(_) => {}
            ClaimKind::Name(n) => remap(&mut n.refers_to),
            ClaimKind::Quote(q) => remap(&mut q.speaker_claim),
        }
    }

    /// Hand `f` each short text the claim holds that other claims often hold too: a
    /// quantity's hedge, key and subject, a relative date's phrase, a duration's hedge and
    /// subject, a name and its title, a speaker. So a caller can make them share one copy.
    pub fn shared_texts_mut(&mut self, mut f: impl FnMut(&mut Arc<str>)) {
        fn phrase(d: &mut DateClaim) -> Option<&mut Arc<str>> {
            d.relative.as_mut().map(|r| &mut r.phrase)
        }
        match &mut self.kind {
            ClaimKind::Quantity(q) => {
                let subject = q.subject.as_mut().map(|s| &mut s.text);
                [q.hedge.as_mut(), q.key.as_mut(), subject]
                    .into_iter()
                    .flatten()
                    .for_each(&mut f);
            }
            ClaimKind::Date(d) => phrase(d).into_iter().for_each(&mut f),
            ClaimKind::Duration(d) => {
                let since = d.since.as_deref_mut().and_then(phrase);
                [
                    d.hedge.as_mut(),
                    d.subject.as_mut(),
                    d.subject_key.as_mut(),
                    since,
                ]
                .into_iter()
                .flatten()
                .for_each(&mut f);
            }
            ClaimKind::Name(n) => {
                f(&mut n.text);
                if let Some(t) = &mut n.title {
                    f(&mut t.text);
                }
            }
            ClaimKind::Quote(q) => q.speaker.as_mut().into_iter().for_each(&mut f),
        }
    }
}

/// Why a figure is not a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NonClaim {
    Year,
    Date,
    Decade,
    Time,
    Ordinal,
    Identifier,
    Furniture,
    ListMarker,
    Duration,
    Score,
    Ratio,
    /// A factor (`three times`, `four times as many`).
    Multiple,
    /// How often (`three times a week`).
    Frequency,
}

impl NonClaim {
    pub fn as_str(self) -> &'static str {
        match self {
            NonClaim::Year => "year",
            NonClaim::Date => "date",
            NonClaim::Decade => "decade",
            NonClaim::Time => "time",
            NonClaim::Ordinal => "ordinal",
            NonClaim::Identifier => "identifier",
            NonClaim::Furniture => "furniture",
            NonClaim::ListMarker => "list-marker",
            NonClaim::Duration => "duration",
            NonClaim::Score => "score",
            NonClaim::Ratio => "ratio",
            NonClaim::Multiple => "multiple",
            NonClaim::Frequency => "frequency",
        }
    }
}

/// A figure recognised and set aside.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAside {
    pub source: SourceId,
    pub span: Range<usize>,
    pub reason: NonClaim,
}

/// Everything extracted from one source.
#[derive(Debug, Default, Clone)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub set_aside: Vec<SetAside>,
    /// Sentences that acknowledge a revised figure (`previously, officials said 63`).
    pub revisions: Vec<Range<usize>>,
    /// Relations among the claims (lists, shares, changes, multiples); claim indices are
    /// into `claims`.
    pub frames: Vec<Frame>,
}

impl Extraction {
    /// Give every claim and set-aside figure the source id `id`.
    pub fn set_source(&mut self, id: SourceId) {
        for c in &mut self.claims {
            c.source = index32(id);
        }
        for s in &mut self.set_aside {
            s.source = id;
        }
    }
}

/// What a trigger pattern of the automaton is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Trigger {
    Digit,
    NumberWord,
    Vague,
    Anaphora(usize),
    /// `a` or `an`, which may start `a dozen`, `a hundred`.
    Article,
    /// `half`, `quarter`.
    Share,
}

/// The compiled scanner: one automaton for every place a figure can start.
#[derive(Debug)]
pub struct Extractor {
    search: triggers::Triggers,
    triggers: Vec<Trigger>,
}

/// The trigger patterns from the lexicon and the rules' vague words and anaphora, and what
/// each is.
fn trigger_patterns(rules: &Rules) -> (Vec<String>, Vec<Trigger>) {
    let mut patterns: Vec<String> = Vec::new();
    let mut triggers = Vec::new();
    for d in b'0'..=b'9' {
        patterns.push((d as char).to_string());
        triggers.push(Trigger::Digit);
    }
    for w in lexicon::NUMBER_WORDS {
        patterns.push(w.to_string());
        triggers.push(Trigger::NumberWord);
    }
    for w in rules.vague_words() {
        patterns.push(w.to_string());
        triggers.push(Trigger::Vague);
    }
    for (i, a) in rules.vocab.anaphora.iter().enumerate() {
        patterns.push(a.clone());
        triggers.push(Trigger::Anaphora(i));
    }
    // `a` and `an` only as words followed by a space: matching the bare letter would
    // report a match at every `a` inside every word.
    for a in ["a ", "an ", "a\n", "an\n"] {
        patterns.push(a.to_string());
        triggers.push(Trigger::Article);
    }
    for w in lexicon::SHARE_WORDS {
        patterns.push(w.to_string());
        triggers.push(Trigger::Share);
    }
    (patterns, triggers)
}

impl Extractor {
    /// Build the automaton from the lexicon and the rules' vague words and anaphora.
    pub fn new(rules: &Rules) -> Extractor {
        let (patterns, triggers) = trigger_patterns(rules);
        Extractor {
            search: triggers::Triggers::new(&patterns),
            triggers,
        }
    }

    /// Extract the claims of one source.
    pub fn extract(&self, source: &Source, id: SourceId, rules: &Rules) -> Extraction {
        let scan = source.scan_text();
        let mut run = number::Run::new(&scan, source, id, rules);
        let text = run.text;
        for m in self.search.find(text.s) {
            let (start, end) = (m.start, m.end);
            if start < run.consumed {
                continue;
            }
            let trigger = self.triggers.get(m.pattern).copied();
            match trigger {
                Some(Trigger::Digit) => {
                    // Only at the start of a digit run.
                    if start > 0 && text.b[start - 1].is_ascii_digit() {
                        continue;
                    }
                    run.digits(start);
                }
                Some(t) => {
                    // An article pattern ends with the space after the word.
                    let end = if t == Trigger::Article { end - 1 } else { end };
                    let word_boundary = !text.char_before(start).is_some_and(scan::is_letter)
                        && !text.char_at(end).is_some_and(scan::is_letter);
                    if !word_boundary {
                        continue;
                    }
                    match t {
                        Trigger::NumberWord => run.words(start),
                        Trigger::Vague => run.vague(start, end),
                        Trigger::Anaphora(i) => run.anaphora(start, end, i),
                        Trigger::Article => run.article(start, end),
                        Trigger::Share => run.share(start, end),
                        Trigger::Digit => {}
                    }
                }
                None => {}
            }
        }
        let mut sentences = std::mem::take(&mut run.sentences);
        let mut out = run.finish();
        // The text in ASCII lowercase (same offsets), made once for the date and name passes.
        let low = scan.to_ascii_lowercase();
        let mut times = time::extract(&scan, &low, source, id, rules, &mut sentences);
        adverb_frequencies(&mut out, &mut times.claims, &scan, rules);
        merge_times(&mut out, times.claims);
        out.revisions = times.revisions;
        apply_named_keys(&mut out, source, &scan, rules);
        frames::link(&mut out, &scan, source, rules);
        let names = names::extract(source, id, &scan, &low, &rules.names, &mut sentences);
        let quotes = quotes::extract(source, id, &scan, &rules.names, &names);
        append(&mut out.claims, names, quotes);
        out
    }
}

/// `twice a week`, `once a month`: an adverb of frequency before `a week` makes it how
/// often, not a duration. The duration is set aside as a frequency, with its adverb.
fn adverb_frequencies(out: &mut Extraction, times: &mut Vec<Claim>, scan: &str, rules: &Rules) {
    if rules.vocab.frequency_adverbs.is_empty() {
        return;
    }
    let t = scan::Text::new(scan);
    let mut buf = String::new();
    let before = out.set_aside.len();
    times.retain(|c| {
        if c.duration().is_none() {
            return true;
        }
        let first = t.next(c.span.start().saturating_sub(1));
        let adverb = t.prev(c.span.start());
        let is_frequency = first.start == c.span.start()
            && first.kind == scan::Kind::Word
            && rules
                .vocab
                .frequency_words
                .contains(t.lower(&first, &mut buf))
            && adverb.kind == scan::Kind::Word
            && rules
                .vocab
                .frequency_adverbs
                .contains(t.lower(&adverb, &mut buf));
        if is_frequency {
            out.set_aside.push(SetAside {
                source: c.source_id(),
                span: adverb.start..c.span.end(),
                reason: NonClaim::Frequency,
            });
        }
        !is_frequency
    });
    if out.set_aside.len() > before {
        out.set_aside.sort_by_key(|s| (s.span.start, s.span.end));
    }
}

/// Add the dates and durations to the quantities, in text order. A figure read as a
/// quantity stays one; a figure set aside as a year, date or duration becomes the date or
/// duration claim that covers it.
fn merge_times(out: &mut Extraction, times: Vec<Claim>) {
    if times.is_empty() {
        return;
    }
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let quantities = std::mem::take(&mut out.claims);
    // `three times a week` is how often, not a week.
    let frequencies: Vec<&Range<usize>> = out
        .set_aside
        .iter()
        .filter(|s| s.reason == NonClaim::Frequency)
        .map(|s| &s.span)
        .collect();
    let times: Vec<Claim> = times
        .into_iter()
        .filter(|t| {
            let first = quantities.partition_point(|q| q.figure.end() <= t.figure.start());
            !quantities[first..]
                .iter()
                .take_while(|q| q.figure.start() < t.figure.end())
                .any(|q| overlaps(&q.figure.range(), &t.figure.range()))
                && !frequencies.iter().any(|f| overlaps(f, &t.figure.range()))
        })
        .collect();
    out.set_aside.retain(|s| {
        if s.reason == NonClaim::Frequency {
            return true;
        }
        let first = times.partition_point(|t| t.span.end() <= s.span.start);
        !times[first..]
            .iter()
            .take_while(|t| t.span.start() < s.span.end)
            .any(|t| overlaps(&t.span.range(), &s.span))
    });
    // Merge by position; anaphora indices follow their claims.
    let mut new_index = Vec::with_capacity(quantities.len());
    let mut merged = Vec::with_capacity(quantities.len() + times.len());
    let mut times = times.into_iter().peekable();
    for q in quantities {
        while let Some(t) = times.next_if(|t| t.span.start() < q.span.start()) {
            merged.push(t);
        }
        new_index.push(merged.len());
        merged.push(q);
    }
    merged.extend(times);
    for c in &mut merged {
        if let ClaimKind::Quantity(q) = &mut c.kind {
            q.refers_to = q
                .refers_to
                .and_then(|r| new_index.get(r.index()).copied())
                .map(ClaimRef::new);
        }
    }
    out.claims = merged;
}

/// Append names and quotes (whose references index `names`) after the quantities, whose
/// indices (and the frames') stay as they are.
fn append(claims: &mut Vec<Claim>, names: Vec<Claim>, quotes: Vec<Claim>) {
    let base = claims.len();
    claims.extend(names.into_iter().chain(quotes).map(|mut c| {
        c.remap_refs(|r| Some(r + base));
        c
    }));
}

/// Give named keys to the claims their patterns or subjects cover.
fn apply_named_keys(out: &mut Extraction, _source: &Source, scan: &str, rules: &Rules) {
    for claim in &mut out.claims {
        let ClaimKind::Quantity(q) = &mut claim.kind else {
            continue;
        };
        if let Some(k) = q.key.as_deref().and_then(|k| rules.key_for_subject(k)) {
            q.key = Some(k.name.as_str().into());
            q.named_key = true;
        }
    }
    for key in &rules.keys {
        for re in &key.patterns {
            for caps in re.captures_iter(scan) {
                let Some(v) = caps.name("value") else {
                    continue;
                };
                let first = out.claims.partition_point(|c| c.figure.end() <= v.start());
                for claim in out.claims[first..]
                    .iter_mut()
                    .take_while(|c| c.figure.start() < v.end())
                {
                    let ClaimKind::Quantity(q) = &mut claim.kind else {
                        continue;
                    };
                    q.key = Some(key.name.as_str().into());
                    q.named_key = true;
                }
            }
        }
    }
}

/// Extract every source, in parallel, in order.
pub fn extract_all(sources: &[Source], rules: &Rules) -> Vec<Extraction> {
    let mut out = Vec::with_capacity(sources.len());
    extract_each(sources, rules, |_| {}, |e| out.push(e));
    out
}

/// How many sources are extracted at once before their claims are handed on: enough to
/// keep every core busy, few enough that only one batch's claims are held twice.
const BATCH: usize = 256;

/// Extract every source in parallel and hand each extraction to `f`, in source order.
///
/// `settle` is given each extraction by the worker that made it, before `f` has it.
pub fn extract_each(
    sources: &[Source],
    rules: &Rules,
    settle: impl Fn(&mut Extraction) + Sync,
    f: impl FnMut(Extraction) + Send,
) {
    let extractor = Extractor::new(rules);
    let work = |i, s: &Source| {
        let mut e = extractor.extract(s, i, rules);
        settle(&mut e);
        e
    };
    in_batches(sources, |_| {}, work, f);
}

/// One copy of each short text of the claims (see [`Claim::shared_texts_mut`]: names,
/// titles, subjects, keys, hedges), for every claim that holds it to share: the same few
/// recur across claims and sources. Split in shards, each behind its own lock, so that the
/// workers that extract share their claims' texts in parallel, and free the copies they
/// made themselves.
pub struct SharedTexts {
    shards: Vec<std::sync::Mutex<foldhash::HashSet<Arc<str>>>>,
    hasher: foldhash::fast::FixedState,
}

impl Default for SharedTexts {
    fn default() -> SharedTexts {
        SharedTexts {
            shards: (0..16).map(|_| Default::default()).collect(),
            hasher: foldhash::fast::FixedState::with_seed(0),
        }
    }
}

impl SharedTexts {
    /// Point every short text of `claims` at the copy already held of the same text, and
    /// keep the texts not yet held.
    pub fn share_all(&self, claims: &mut [Claim]) {
        use std::hash::BuildHasher;
        for c in claims {
            c.shared_texts_mut(|text| {
                let shard = self.hasher.hash_one(&**text) as usize % self.shards.len();
                // A lock is never held across a panic, and a set left by one is still
                // a valid set: take it either way.
                let mut set = self.shards[shard]
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                match set.get(&**text) {
                    Some(held) => *text = Arc::clone(held),
                    None => {
                        set.insert(Arc::clone(text));
                    }
                }
            });
        }
    }
}

/// Read and extract every input in parallel, each source extracted as soon as it is read
/// (while its text is still in cache, and with no pause between reading and extracting),
/// and hand each source with its extraction, or the input's error, to `f` in input order.
/// A source's id is its place among the sources read, so an input that fails to read
/// leaves no gap. `ahead` is given each batch of inputs one batch before it is read (to
/// start reading it into the cache, say). `settle` is given each source and its
/// extraction by the worker that made them, before `f` has them.
pub fn read_and_extract<T: Sync, E: Send>(
    inputs: &[T],
    ahead: impl Fn(&[T]) + Sync,
    read: impl Fn(&T) -> Result<Source, E> + Sync,
    rules: &Rules,
    settle: impl Fn(&mut Source, &mut Extraction) + Sync,
    mut f: impl FnMut(Result<(Source, Extraction), E>) + Send,
) {
    let extractor = Extractor::new(rules);
    let mut read_so_far = 0;
    in_batches(
        inputs,
        ahead,
        |i, input| {
            let mut source = read(input)?;
            let mut extraction = extractor.extract(&source, i, rules);
            settle(&mut source, &mut extraction);
            Ok((i, source, extraction))
        },
        |r| {
            let r = r.map(|(i, s, mut e)| {
                // Only after an input that failed does the id differ from the place.
                if i != read_so_far {
                    e.set_source(read_so_far);
                }
                (s, e)
            });
            read_so_far += usize::from(r.is_ok());
            f(r)
        },
    );
}

/// Run `work` on every item in parallel, a batch at a time, and hand the results to `f` in
/// item order. `f` takes one batch while `work` runs on the next, so handing on (which is
/// serial) does not leave the other cores waiting. `ahead` is given each batch before
/// `work` starts on it: the first at once, each later one while the one before it runs.
fn in_batches<T: Sync, R: Send>(
    items: &[T],
    ahead: impl Fn(&[T]) + Sync,
    work: impl Fn(usize, &T) -> R + Sync,
    mut f: impl FnMut(R) + Send,
) {
    use rayon::prelude::*;
    let batches: Vec<&[T]> = items.chunks(BATCH).collect();
    if let Some(first) = batches.first() {
        ahead(first);
    }
    let mut done: Vec<R> = Vec::new();
    for (b, batch) in batches.iter().enumerate() {
        let last = std::mem::take(&mut done);
        let (next, ()) = rayon::join(
            || {
                batch
                    .par_iter()
                    .enumerate()
                    .map(|(k, item)| work(b * BATCH + k, item))
                    .collect()
            },
            || {
                if let Some(after) = batches.get(b + 1) {
                    ahead(after);
                }
                last.into_iter().for_each(&mut f);
            },
        );
        done = next;
    }
    done.into_iter().for_each(f);
}

/// Extract one text, for tests and the rule packs' inline tests.
pub fn extract_text(text: &str, rules: &Rules) -> Extraction {
    let source = Source::new("<test>", text.to_string(), crate::source::SourceKind::Text);
    Extractor::new(rules).extract(&source, 0, rules)
}
#[cfg(test)]
mod shared_texts {
    use super::*;

    /// Claims of different sources that write the same key, hedge or name hold one copy of
    /// it, and no claim's text changes.
    #[test]
    fn the_same_text_is_held_once_across_sources() {
        let rules = Rules::shipped();
        let text = "About 5,000 American troops are there, Mayor Jane Doe said.";
        let mut a = extract_text(text, rules).claims;
        let mut b = extract_text(text, rules).claims;
        let before = (a.clone(), b.clone());
        let shared = SharedTexts::default();
        shared.share_all(&mut a);
        shared.share_all(&mut b);
        assert_eq!((a.clone(), b.clone()), before);
        let texts = |cs: &mut [Claim]| {
            let mut out: Vec<Arc<str>> = Vec::new();
            for c in cs {
                c.shared_texts_mut(|t| out.push(Arc::clone(t)));
            }
            out
        };
        let (ta, tb) = (texts(&mut a), texts(&mut b));
        assert!(ta.len() >= 3, "{ta:?}");
        assert_eq!(ta.len(), tb.len());
        for (x, y) in ta.iter().zip(&tb) {
            assert!(Arc::ptr_eq(x, y), "{x} is held twice");
        }
    }
}

#[cfg(test)]
mod size {
    /// A text holds about one claim per 80 bytes, so a claim's own size decides how much
    /// memory a run takes: keep the large kinds boxed.
    #[test]
    fn claims_stay_small() {
        use std::mem::size_of;
        // Three 32-bit spans and two 32-bit numbers: 32 bytes beside the kind.
        assert_eq!(size_of::<super::Span>(), 8);
        assert!(size_of::<super::Claim>() <= size_of::<super::ClaimKind>() + 32);
        assert!(size_of::<super::Claim>() <= 64);
        assert!(size_of::<super::ClaimKind>() <= 32);
        assert!(size_of::<super::Quantity>() <= 128);
        assert!(size_of::<super::DateClaim>() <= 64);
        assert!(size_of::<super::DurationClaim>() <= 112);
        assert!(size_of::<super::Title>() <= 24);
        assert!(size_of::<super::Quote>() <= 64);
        assert!(size_of::<super::Frame>() <= 64);
        assert_eq!(size_of::<Option<super::ClaimRef>>(), 4);
    }
}

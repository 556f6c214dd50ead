//! Rules are data: TOML rule packs, built in (`rules/*.toml`) and the user's own, compiled
//! once into a [`Rules`] value that the extractor and the checks read.
//!
//! A broken pack is reported as diagnostics that point into the TOML at the offending value.

pub mod pack;
pub mod testing;

use foldhash::{HashMap, HashMapExt, HashSet};
use std::ops::Range;
use std::path::Path;

use regex::Regex;

use crate::diag::SpanError;

pub use pack::HedgeKind;
use pack::{PackFile, RelationDef, TestDef};

/// The packs compiled into the binary: every `rules/*.toml` (a test keeps this list whole).
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("rules/core.toml", include_str!("../../rules/core.toml")),
    (
        "rules/subjects.toml",
        include_str!("../../rules/subjects.toml"),
    ),
    ("rules/time.toml", include_str!("../../rules/time.toml")),
    ("rules/names.toml", include_str!("../../rules/names.toml")),
    ("rules/frames.toml", include_str!("../../rules/frames.toml")),
    ("rules/units.toml", include_str!("../../rules/units.toml")),
];

/// A compiled hedge: the interval it puts around a figure, as multipliers.
#[derive(Debug, Clone, PartialEq)]
pub struct Hedge {
    pub phrase: String,
    pub kind: HedgeKind,
    pub low: f64,
    pub high: f64,
}

/// A named key and what gives it to a claim.
#[derive(Debug, Clone)]
pub struct KeyDef {
    pub name: String,
    pub description: Option<String>,
    pub pack: String,
    pub patterns: Vec<Regex>,
}

/// A relation between named keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Relation {
    /// `total = sum(parts)`; when not exhaustive the parts need only not exceed the total.
    Sum {
        total: String,
        parts: Vec<String>,
        exhaustive: bool,
        pack: String,
    },
    /// `part <= whole`.
    PartOf {
        part: String,
        whole: String,
        pack: String,
    },
}

/// An inline test of a pack.
#[derive(Debug)]
pub struct PackTest {
    pub pack: String,
    pub path: String,
    /// 1-based line of the test's `text` in the pack file.
    pub line: usize,
    pub def: TestDef,
}

/// What one loaded pack declares, for `crosscheck rules`.
#[derive(Debug, Clone)]
pub struct PackInfo {
    pub name: String,
    pub path: String,
    pub builtin: bool,
    pub description: Option<String>,
    pub hedges: usize,
    pub vague: usize,
    pub synonyms: usize,
    pub keys: usize,
    pub relations: usize,
    pub tests: usize,
}

/// Word lists the extractor reads, merged across packs (all lowercase).
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    pub identifiers: HashSet<String>,
    pub furniture: HashSet<String>,
    pub time_units: HashSet<String>,
    pub scores: HashSet<String>,
    pub generic_subjects: HashSet<String>,
    pub subject_stop: HashSet<String>,
    pub subject_drop: HashSet<String>,
    pub predicates: HashSet<String>,
    pub anaphora: Vec<String>,
    pub invariant_nouns: HashSet<String>,
    /// Irregular plurals and their singular, lowercase.
    pub plurals: HashMap<String, String>,
    /// Plural endings and their replacement, longest ending first.
    pub plural_endings: Vec<(String, String)>,
    pub multiplier_words: HashSet<String>,
    pub frequency_words: HashSet<String>,
    pub frequency_adverbs: HashSet<String>,
    pub location_verbs: HashSet<String>,
    pub share_blockers: HashSet<String>,
    pub of_heads: HashSet<String>,
    pub qualifier_prepositions: HashSet<String>,
    pub change_words: HashSet<String>,
    pub lower_after: HashSet<String>,
    pub upper_after: HashSet<String>,
    pub address_words: HashSet<String>,
}

/// A set of phrases (lowercase, single-spaced) and the most words any of them has.
#[derive(Debug, Default, Clone)]
pub struct Phrases {
    pub set: HashSet<String>,
    pub max_words: usize,
    /// The first and the last word of every phrase, to rule out most positions with one
    /// lookup.
    pub first_words: HashSet<String>,
    pub last_words: HashSet<String>,
}

impl Phrases {
    fn extend(&mut self, words: &[String]) {
        for w in words {
            let p = normalize_phrase(w);
            if p.is_empty() {
                continue;
            }
            self.max_words = self.max_words.max(p.split(' ').count());
            if let Some(f) = p.split(' ').next() {
                self.first_words.insert(f.to_string());
            }
            if let Some(l) = p.rsplit(' ').next() {
                self.last_words.insert(l.to_string());
            }
            self.set.insert(p);
        }
    }

    pub fn contains(&self, phrase: &str) -> bool {
        self.set.contains(phrase)
    }
}

/// The frame vocabulary (`[frames]` in the packs), merged across packs.
#[derive(Debug, Default, Clone)]
pub struct FrameVocab {
    pub list_separators: Phrases,
    pub list_links: Phrases,
    pub partial: Phrases,
    pub total_before: Phrases,
    pub total_after: Phrases,
    pub collective: Phrases,
    pub additive_after: Phrases,
    pub additive_before: Phrases,
    pub sequence: Phrases,
    pub sequence_start: Phrases,
    pub up: Phrases,
    pub down: Phrases,
    pub points: Phrases,
    /// Words that say nothing of what a figure is about (`the`, `was`, `in`).
    pub topic_ignore: Phrases,
    /// Words opening a sentence that make its share one of the figure before (`That is`).
    pub share_back: Phrases,
    /// Fraction phrases and their value (`a third` = 1/3).
    pub fractions: HashMap<String, f64>,
    /// Multiple phrases and their factor (`tripled` = 3).
    pub multiples: HashMap<String, f64>,
    /// The most words a fraction or multiple phrase has.
    pub max_factor_words: usize,
}

/// All loaded rule packs, compiled.
#[derive(Debug, Default)]
pub struct Rules {
    pub packs: Vec<PackInfo>,
    hedges: HashMap<String, Hedge>,
    /// The last word of every hedge phrase (see [`Rules::ends_hedge`]).
    hedge_ends: HashSet<String>,
    /// The most words any hedge phrase has.
    pub max_hedge_words: usize,
    vague: HashMap<String, (f64, f64)>,
    synonyms: HashMap<String, String>,
    pub max_synonym_words: usize,
    pub vocab: Vocabulary,
    pub frames: FrameVocab,
    pub keys: Vec<KeyDef>,
    subject_keys: HashMap<String, usize>,
    pub relations: Vec<Relation>,
    pub tests: Vec<PackTest>,
    /// The vocabulary of dates and durations (`[time]`).
    pub time: crate::extract::time::Vocab,
    /// Names, titles and aliases (`[names]`, `[[titles]]`, `[[aliases]]`).
    pub names: crate::entities::NameRules,
    /// Units of measure and currencies.
    pub units: crate::extract::units::UnitTable,
    /// The packs as loaded, `(path, text, builtin)`, so that a pack's inline tests can run
    /// against it and the built-in packs alone.
    pub(crate) sources: Vec<(String, String, bool)>,
}

impl Rules {
    /// The built-in packs only.
    pub fn builtin() -> Result<Rules, crate::Error> {
        Rules::load::<&Path>(&[])
    }

    /// The built-in packs, loaded once for all the unit and property tests.
    #[cfg(test)]
    pub(crate) fn shipped() -> &'static Rules {
        static RULES: std::sync::LazyLock<Rules> =
            std::sync::LazyLock::new(|| Rules::builtin().expect("built-in packs load"));
        &RULES
    }

    /// The built-in packs, then each file in `extra`, in order.
    pub fn load<P: AsRef<Path>>(extra: &[P]) -> Result<Rules, crate::Error> {
        let mut packs: Vec<(String, String, bool)> = BUILTIN_PACKS
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string(), true))
            .collect();
        for path in extra {
            let path = path.as_ref();
            let text = std::fs::read_to_string(path).map_err(|e| crate::Error::Io {
                path: path.display().to_string(),
                message: crate::io_message(&e),
            })?;
            packs.push((path.display().to_string(), text, false));
        }
        Rules::from_packs(&packs).map_err(crate::Error::Rules)
    }

    /// Compile packs given as `(path, text, builtin)`.
    pub fn from_packs(packs: &[(String, String, bool)]) -> Result<Rules, Vec<RuleError>> {
        let mut b = Builder::default();
        for (index, (path, text, builtin)) in packs.iter().enumerate() {
            b.add_pack(index, path, text, *builtin);
        }
        b.finish(packs)
    }

    /// The hedge a lowercase phrase (single-spaced) stands for.
    pub fn hedge(&self, phrase: &str) -> Option<&Hedge> {
        self.hedges.get(phrase)
    }

    /// Whether some hedge phrase ends with this word (lowercase). Most words before a
    /// figure end none, and then no longer phrase before it need be built.
    pub fn ends_hedge(&self, word: &str) -> bool {
        self.hedge_ends.contains(word)
    }

    /// The interval a vague word (`dozens`) stands for.
    pub fn vague(&self, word: &str) -> Option<(f64, f64)> {
        self.vague.get(word).copied()
    }

    /// Every vague word (`dozens`, `hundreds`).
    pub fn vague_words(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self.vague.keys().map(String::as_str).collect();
        words.sort_unstable();
        words
    }

    /// The canonical form of a lowercase subject word or phrase, if it has one.
    pub fn synonym(&self, phrase: &str) -> Option<&str> {
        self.synonyms.get(phrase).map(String::as_str)
    }

    /// The named key that takes over an automatic key.
    pub fn key_for_subject(&self, auto_key: &str) -> Option<&KeyDef> {
        self.subject_keys.get(auto_key).map(|&i| &self.keys[i])
    }

    /// Whether a named key is declared.
    pub fn has_key(&self, name: &str) -> bool {
        self.keys.iter().any(|k| k.name == name)
    }
}

/// A problem in a rule pack, pointing into the TOML.
pub type RuleError = SpanError;

/// Lowercase, with runs of whitespace made single spaces.
pub fn normalize_phrase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

/// The pattern text `{value}` expands to: up to four words that hold the figure.
const VALUE_GROUP: &str = r#"(?P<value>[^\s.,;:!?()"“”]+(?:[ \t]+[^\s.,;:!?()"“”]+){0,3}?)"#;

/// Largest compiled size of one key pattern, in bytes.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

#[derive(Default)]
struct Builder {
    rules: Rules,
    errors: Vec<RuleError>,
    /// Relations waiting for every pack's keys: (pack index, relation).
    pending: Vec<(usize, RelationDef)>,
    /// Subject mappings waiting for key indices: (subject, key index).
    key_names: HashMap<String, usize>,
    units: crate::extract::units::UnitTableBuilder,
}

impl Builder {
    fn add_pack(&mut self, index: usize, path: &str, text: &str, builtin: bool) {
        let file: PackFile = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                self.errors.push(SpanError::from_toml(
                    path,
                    text,
                    &e,
                    "see the README's section on rule packs for the format",
                ));
                return;
            }
        };
        let name = file.pack.name.clone().unwrap_or_else(|| {
            Path::new(path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.to_string())
        });
        let err = |span: Range<usize>, msg: String, label: &str, help: Option<String>| {
            RuleError::new(path, text, Some(span), msg, label, help)
        };
        for u in &file.units {
            let factor = *u.factor.get_ref();
            if !(factor.is_finite() && factor > 0.0 && u.offset.is_finite()) {
                self.errors.push(err(
                    u.factor.span(),
                    format!("a unit's factor must be a positive number (got {factor})"),
                    "this factor",
                    None,
                ));
                continue;
            }
            self.units.add_unit(
                u.name.get_ref(),
                u.dimension,
                factor,
                u.offset,
                &u.words,
                &u.symbols,
            );
        }
        for c in &file.currencies {
            match crate::extract::units::currency_code(c.code.get_ref()) {
                Some(code) => self
                    .units
                    .add_currency(code, &c.words, &c.symbols, &c.after),
                None => self.errors.push(err(
                    c.code.span(),
                    format!("unknown currency code `{}`", c.code.get_ref()),
                    "not an ISO 4217 code crosscheck knows",
                    Some("write a three-letter code such as `USD` or `EUR`, or `$`".into()),
                )),
            }
        }
        let r = &mut self.rules;
        if let Some(t) = &file.time
            && let Err(e) = r.time.merge(t)
        {
            self.errors
                .push(err(0..0, format!("[time]: {e}"), "in this pack", None));
        }
        for h in &file.hedges {
            let (low, high) = match h.kind {
                HedgeKind::Approximate | HedgeKind::Range => (
                    h.low.as_ref().map(|v| *v.get_ref()).unwrap_or(1.0),
                    h.high.as_ref().map(|v| *v.get_ref()).unwrap_or(1.0),
                ),
                HedgeKind::Lower => (
                    h.low.as_ref().map(|v| *v.get_ref()).unwrap_or(1.0),
                    h.high
                        .as_ref()
                        .map(|v| *v.get_ref())
                        .unwrap_or(f64::INFINITY),
                ),
                HedgeKind::Upper => (
                    h.low.as_ref().map(|v| *v.get_ref()).unwrap_or(0.0),
                    h.high.as_ref().map(|v| *v.get_ref()).unwrap_or(1.0),
                ),
            };
            let bad = |v: f64| v.is_nan() || v < 0.0;
            if bad(low) || bad(high) || low > high {
                let span = h
                    .low
                    .as_ref()
                    .map(|v| v.span())
                    .or_else(|| h.high.as_ref().map(|v| v.span()))
                    .unwrap_or(0..0);
                self.errors.push(err(
                    span,
                    format!(
                        "hedge multipliers must satisfy 0 <= low <= high (got {low} and {high})"
                    ),
                    "this multiplier",
                    None,
                ));
                continue;
            }
            for w in &h.words {
                let phrase = normalize_phrase(w.get_ref());
                if phrase.is_empty() {
                    self.errors.push(err(
                        w.span(),
                        "a hedge word may not be empty".into(),
                        "empty",
                        None,
                    ));
                    continue;
                }
                r.max_hedge_words = r.max_hedge_words.max(phrase.split(' ').count());
                if let Some(last) = phrase.rsplit(' ').next() {
                    r.hedge_ends.insert(last.to_string());
                }
                r.hedges.insert(
                    phrase.clone(),
                    Hedge {
                        phrase,
                        kind: h.kind,
                        low,
                        high,
                    },
                );
            }
        }
        for v in &file.vague {
            let (low, high) = (*v.low.get_ref(), *v.high.get_ref());
            if !(low.is_finite() && high.is_finite() && 0.0 <= low && low <= high) {
                self.errors.push(err(
                    v.low.span().start..v.high.span().end,
                    format!("a vague range needs 0 <= low <= high (got {low} and {high})"),
                    "this range",
                    None,
                ));
                continue;
            }
            for w in &v.words {
                r.vague.insert(normalize_phrase(w.get_ref()), (low, high));
            }
        }
        let voc = &file.vocabulary;
        let lower = |set: &mut HashSet<String>, words: &[String]| {
            set.extend(words.iter().map(|w| normalize_phrase(w)));
        };
        lower(&mut r.vocab.identifiers, &voc.identifiers);
        lower(&mut r.vocab.furniture, &voc.furniture);
        lower(&mut r.vocab.time_units, &voc.time_units);
        lower(&mut r.vocab.scores, &voc.scores);
        lower(&mut r.vocab.generic_subjects, &voc.generic_subjects);
        lower(&mut r.vocab.subject_stop, &voc.subject_stop);
        lower(&mut r.vocab.subject_drop, &voc.subject_drop);
        lower(&mut r.vocab.predicates, &voc.predicates);
        lower(&mut r.vocab.invariant_nouns, &voc.invariant_nouns);
        lower(&mut r.vocab.multiplier_words, &voc.multiplier_words);
        for (plural, one) in &voc.plurals {
            r.vocab
                .plurals
                .insert(normalize_phrase(plural), normalize_phrase(one));
        }
        for (ending, with) in &voc.plural_endings {
            let pair = (ending.trim().to_lowercase(), with.trim().to_lowercase());
            if !pair.0.is_empty() && !r.vocab.plural_endings.contains(&pair) {
                r.vocab.plural_endings.push(pair);
            }
        }
        r.vocab
            .plural_endings
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        lower(&mut r.vocab.frequency_words, &voc.frequency_words);
        lower(&mut r.vocab.frequency_adverbs, &voc.frequency_adverbs);
        lower(&mut r.vocab.location_verbs, &voc.location_verbs);
        let fr = &file.frames;
        let fv = &mut r.frames;
        fv.list_separators.extend(&fr.list_separators);
        fv.list_links.extend(&fr.list_links);
        fv.partial.extend(&fr.partial);
        fv.total_before.extend(&fr.total_before);
        fv.total_after.extend(&fr.total_after);
        fv.collective.extend(&fr.collective);
        fv.additive_after.extend(&fr.additive_after);
        fv.additive_before.extend(&fr.additive_before);
        fv.sequence.extend(&fr.sequence);
        fv.sequence_start.extend(&fr.sequence_start);
        fv.up.extend(&fr.up);
        fv.down.extend(&fr.down);
        fv.points.extend(&fr.points);
        fv.topic_ignore.extend(&fr.topic_ignore);
        fv.share_back.extend(&fr.share_back);
        for (defs, fractions) in [(&fr.fractions, true), (&fr.multiples, false)] {
            for d in defs {
                let f = *d.factor.get_ref();
                if !(f.is_finite() && f > 0.0) {
                    self.errors.push(err(
                        d.factor.span(),
                        format!("a factor must be a positive number (got {f})"),
                        "this factor",
                        None,
                    ));
                    continue;
                }
                for w in &d.words {
                    let p = normalize_phrase(w);
                    if p.is_empty() {
                        continue;
                    }
                    fv.max_factor_words = fv.max_factor_words.max(p.split(' ').count());
                    if fractions {
                        fv.fractions.insert(p, f);
                    } else {
                        fv.multiples.insert(p, f);
                    }
                }
            }
        }
        lower(&mut r.vocab.share_blockers, &voc.share_blockers);
        lower(&mut r.vocab.of_heads, &voc.of_heads);
        lower(
            &mut r.vocab.qualifier_prepositions,
            &voc.qualifier_prepositions,
        );
        lower(&mut r.vocab.change_words, &voc.change_words);
        lower(&mut r.vocab.lower_after, &voc.lower_after);
        lower(&mut r.vocab.upper_after, &voc.upper_after);
        lower(&mut r.vocab.address_words, &voc.address_words);
        for a in &voc.anaphora {
            let phrase = normalize_phrase(a.get_ref());
            if phrase.is_empty() {
                self.errors.push(err(
                    a.span(),
                    "an anaphora phrase may not be empty".into(),
                    "empty",
                    None,
                ));
            } else if !r.vocab.anaphora.contains(&phrase) {
                r.vocab.anaphora.push(phrase);
            }
        }
        for s in &file.synonyms {
            let canonical = normalize_phrase(s.canonical.get_ref());
            if canonical.is_empty() {
                self.errors.push(err(
                    s.canonical.span(),
                    "a synonym group needs a canonical word".into(),
                    "empty",
                    None,
                ));
                continue;
            }
            for w in std::iter::once(&s.canonical).chain(&s.words) {
                let phrase = normalize_phrase(w.get_ref());
                if phrase.is_empty() {
                    continue;
                }
                r.max_synonym_words = r.max_synonym_words.max(phrase.split(' ').count());
                r.synonyms.insert(phrase, canonical.clone());
            }
        }
        for k in &file.keys {
            let key_name = k.name.get_ref().trim().to_string();
            if key_name.is_empty() {
                self.errors.push(err(
                    k.name.span(),
                    "a key needs a name".into(),
                    "empty",
                    None,
                ));
                continue;
            }
            let mut patterns = Vec::new();
            for p in &k.patterns {
                match compile_key_pattern(p.get_ref()) {
                    Ok(re) => patterns.push(re),
                    Err(msg) => self.errors.push(err(
                        p.span(),
                        format!("invalid pattern for key `{key_name}`"),
                        "this pattern",
                        Some(msg),
                    )),
                }
            }
            let idx = match self.key_names.get(&key_name) {
                Some(&i) => {
                    // A later pack extends a key declared earlier.
                    r.keys[i].patterns.extend(patterns);
                    i
                }
                None => {
                    r.keys.push(KeyDef {
                        name: key_name.clone(),
                        description: k.description.clone(),
                        pack: name.clone(),
                        patterns,
                    });
                    self.key_names.insert(key_name.clone(), r.keys.len() - 1);
                    r.keys.len() - 1
                }
            };
            for s in &k.subjects {
                r.subject_keys.insert(normalize_phrase(s.get_ref()), idx);
            }
        }
        let mut name_errors = Vec::new();
        r.names.add(
            &file.names,
            &file.titles,
            &file.aliases,
            &mut |span, msg, label| name_errors.push(err(span, msg, label, None)),
        );
        self.errors.extend(name_errors);
        let r = &mut self.rules;
        for t in &file.tests {
            let line = text[..t.text.span().start.min(text.len())]
                .bytes()
                .filter(|&b| b == b'\n')
                .count()
                + 1;
            r.tests.push(PackTest {
                pack: name.clone(),
                path: path.to_string(),
                line,
                def: TestDef {
                    text: t.text.clone(),
                    key: t.key.clone(),
                    value: t.value,
                    low: t.low,
                    high: t.high,
                    hedge: t.hedge.clone(),
                    unit: t.unit.clone(),
                    absent: t.absent,
                    claims: t.claims,
                },
            });
        }
        r.packs.push(PackInfo {
            name,
            path: path.to_string(),
            builtin,
            description: file.pack.description.clone(),
            hedges: file.hedges.iter().map(|h| h.words.len()).sum(),
            vague: file.vague.iter().map(|v| v.words.len()).sum(),
            synonyms: file.synonyms.len(),
            keys: file.keys.len(),
            relations: file.relations.len(),
            tests: file.tests.len(),
        });
        self.pending
            .extend(file.relations.into_iter().map(|rel| (index, rel)));
    }

    fn finish(mut self, packs: &[(String, String, bool)]) -> Result<Rules, Vec<RuleError>> {
        self.rules.units = std::mem::take(&mut self.units).build();
        let pending = std::mem::take(&mut self.pending);
        for (index, rel) in pending {
            let (path, text, _) = &packs[index];
            let pack = self.rules.packs[self.pack_position(path)].name.clone();
            if let Some(rel) = self.relation(path, text, rel, pack) {
                self.rules.relations.push(rel);
            }
        }
        if self.errors.is_empty() {
            self.check_cycles(packs);
        }
        if self.errors.is_empty() {
            self.rules.sources = packs.to_vec();
            Ok(self.rules)
        } else {
            Err(self.errors)
        }
    }

    fn pack_position(&self, path: &str) -> usize {
        self.rules
            .packs
            .iter()
            .position(|p| p.path == path)
            .unwrap_or(0)
    }

    /// Validate one relation: its shape, and that every key it names is declared.
    fn relation(
        &mut self,
        path: &str,
        text: &str,
        rel: RelationDef,
        pack: String,
    ) -> Option<Relation> {
        let mut ok = true;
        let mut check_key = |k: &toml::Spanned<String>, errors: &mut Vec<RuleError>| {
            if !self.key_names.contains_key(k.get_ref().trim()) {
                ok = false;
                let known: Vec<&str> = self.key_names.keys().map(String::as_str).collect();
                let help = closest(k.get_ref(), &known)
                    .map(|c| format!("did you mean `{c}`?"))
                    .or_else(|| Some("declare it in a [[keys]] table".into()));
                errors.push(RuleError::new(
                    path,
                    text,
                    Some(k.span()),
                    format!("relation names unknown key `{}`", k.get_ref()),
                    "not declared in any loaded pack",
                    help,
                ));
            }
        };
        let mut errors = Vec::new();
        let shape_error = |msg: &str| {
            let span = rel
                .total
                .as_ref()
                .map(|s| s.span())
                .or_else(|| rel.part.as_ref().map(|s| s.span()))
                .or_else(|| rel.whole.as_ref().map(|s| s.span()))
                .or_else(|| rel.parts.as_ref().map(|s| s.span()));
            RuleError::new(
                path,
                text,
                span,
                msg.to_string(),
                "in this relation",
                Some(
                    "write `total = \"key\"` with `parts = [..]`, or `part = \"key\"` with `whole = \"key\"`"
                        .into(),
                ),
            )
        };
        let result = match (&rel.total, &rel.parts, &rel.part, &rel.whole) {
            (Some(total), Some(parts), None, None) => {
                check_key(total, &mut errors);
                for p in parts.get_ref() {
                    check_key(p, &mut errors);
                }
                if parts.get_ref().is_empty() {
                    errors.push(RuleError::new(
                        path,
                        text,
                        Some(parts.span()),
                        "a sum relation needs at least one part",
                        "empty",
                        None,
                    ));
                    ok = false;
                }
                Relation::Sum {
                    total: total.get_ref().trim().to_string(),
                    parts: parts
                        .get_ref()
                        .iter()
                        .map(|p| p.get_ref().trim().to_string())
                        .collect(),
                    exhaustive: rel.exhaustive.unwrap_or(true),
                    pack,
                }
            }
            (None, None, Some(part), Some(whole)) if rel.exhaustive.is_none() => {
                check_key(part, &mut errors);
                check_key(whole, &mut errors);
                Relation::PartOf {
                    part: part.get_ref().trim().to_string(),
                    whole: whole.get_ref().trim().to_string(),
                    pack,
                }
            }
            _ => {
                self.errors.push(shape_error(
                    "a relation is either `total` with `parts` (and `exhaustive`), or `part` with `whole`",
                ));
                return None;
            }
        };
        self.errors.extend(errors);
        ok.then_some(result)
    }

    /// A key may not contain itself through a chain of relations.
    fn check_cycles(&mut self, packs: &[(String, String, bool)]) {
        // Edges whole -> part.
        let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
        for rel in &self.rules.relations {
            match rel {
                Relation::Sum { total, parts, .. } => edges
                    .entry(total.as_str())
                    .or_default()
                    .extend(parts.iter().map(String::as_str)),
                Relation::PartOf { part, whole, .. } => {
                    edges.entry(whole.as_str()).or_default().push(part.as_str())
                }
            }
        }
        let mut state: HashMap<&str, u8> = HashMap::new(); // 1 visiting, 2 done
        let mut roots: Vec<&str> = edges.keys().copied().collect();
        roots.sort_unstable();
        for root in roots {
            if let Some(cycle) = find_cycle(root, &edges, &mut state, &mut Vec::new()) {
                let pack = self.rules.relations.iter().find_map(|r| match r {
                    Relation::Sum { total, pack, .. } if *total == cycle[0] => Some(pack.clone()),
                    Relation::PartOf { whole, pack, .. } if *whole == cycle[0] => {
                        Some(pack.clone())
                    }
                    _ => None,
                });
                let (path, text) = pack
                    .and_then(|p| self.rules.packs.iter().find(|i| i.name == p))
                    .and_then(|i| packs.iter().find(|(path, ..)| *path == i.path))
                    .map(|(p, t, _)| (p.as_str(), t.as_str()))
                    .unwrap_or(("rules", ""));
                let span = text
                    .find(&format!("\"{}\"", cycle[0]))
                    .map(|s| s..s + cycle[0].len() + 2);
                self.errors.push(RuleError::new(
                    path,
                    text,
                    span,
                    format!("relations form a cycle: {}", cycle.join(" contains ")),
                    "the cycle starts here",
                    Some("a key cannot be part of itself; remove one of these relations".into()),
                ));
                return;
            }
        }
    }
}

fn find_cycle<'a>(
    node: &'a str,
    edges: &HashMap<&'a str, Vec<&'a str>>,
    state: &mut HashMap<&'a str, u8>,
    path: &mut Vec<&'a str>,
) -> Option<Vec<String>> {
    match state.get(node) {
        Some(2) => return None,
        Some(1) => {
            let from = path.iter().position(|n| *n == node).unwrap_or(0);
            let mut cycle: Vec<String> = path[from..].iter().map(|s| s.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        _ => {}
    }
    state.insert(node, 1);
    path.push(node);
    for next in edges.get(node).map(Vec::as_slice).unwrap_or(&[]) {
        if let Some(c) = find_cycle(next, edges, state, path) {
            return Some(c);
        }
    }
    path.pop();
    state.insert(node, 2);
    None
}

/// Compile a key pattern: `{value}` expands to the figure's words, and a literal space
/// (outside a character class) matches any run of whitespace, line breaks included.
pub(crate) fn compile_key_pattern(pattern: &str) -> Result<Regex, String> {
    let expanded = flexible_spaces(pattern).replace("{value}", VALUE_GROUP);
    let re = regex::RegexBuilder::new(&expanded)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => format!(
                "the pattern compiles to more than {limit} bytes; split it or make it less general"
            ),
            // The message quotes the expanded pattern; keep only its last line, which
            // says what is wrong.
            other => {
                let text = other.to_string();
                let last = text
                    .lines()
                    .rev()
                    .find(|l| l.trim_start().starts_with("error:"))
                    .map(|l| {
                        l.trim_start()
                            .trim_start_matches("error:")
                            .trim()
                            .to_string()
                    })
                    .unwrap_or(text);
                format!("the regular expression is invalid: {last}")
            }
        })?;
    if !re.capture_names().any(|n| n == Some("value")) {
        return Err("a key pattern must contain `{value}` (or a group named `value`) to show where the figure is".into());
    }
    Ok(re)
}

/// Replace each literal space outside a character class with `\s+`.
fn flexible_spaces(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = false;
    let mut escaped = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if escaped {
            out.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' => {
                out.push(c);
                escaped = true;
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            ' ' if !in_class => {
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
                // A quantifier after the space applies to the whole run.
                out.push_str(r"(?:\s+)");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The candidate closest to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let mut best: Option<(f32, &str)> = None;
    for c in candidates {
        let ratio = similar::TextDiff::from_chars(word, *c).ratio();
        if ratio >= 0.7 && best.is_none_or(|(b, bc)| ratio > b || (ratio == b && *c < bc)) {
            best = Some((ratio, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(text: &str) -> Result<Rules, Vec<RuleError>> {
        Rules::from_packs(&[("pack.toml".into(), text.into(), false)])
    }

    fn first_error(text: &str) -> RuleError {
        compile(text).expect_err("should fail").remove(0)
    }

    #[test]
    fn builtin_packs_compile() {
        let r = Rules::builtin().unwrap();
        assert!(r.hedge("around").is_some());
        assert_eq!(r.synonym("soldiers"), Some("troops"));
    }

    #[test]
    fn unknown_field_points_into_the_toml() {
        let text = "[[hedges]]\nwords = [\"around\"]\nkind = \"approximate\"\nlwo = 0.9\n";
        let e = first_error(text);
        assert!(e.message.contains("unknown field"), "{}", e.message);
        let span = e.span.unwrap();
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "lwo");
    }

    #[test]
    fn bad_regex_is_reported_at_the_pattern() {
        let text = "[[keys]]\nname = \"k\"\npatterns = ['{value} (troops']\n";
        let e = first_error(text);
        assert!(e.message.contains("invalid pattern"));
        let span = e.span.unwrap();
        assert_eq!(
            &text[span.offset()..span.offset() + span.len()],
            "'{value} (troops'"
        );
        let text = "[[keys]]\nname = \"k\"\npatterns = ['troops']\n";
        assert!(first_error(text).help.unwrap().contains("{value}"));
    }

    #[test]
    fn relation_with_unknown_key_suggests_the_near_one() {
        let text = "[[keys]]\nname = \"trainers\"\n[[keys]]\nname = \"total\"\n\
                    [[relations]]\ntotal = \"total\"\nparts = [\"trainer\"]\n";
        let e = first_error(text);
        assert!(e.message.contains("unknown key `trainer`"));
        assert_eq!(e.help.as_deref(), Some("did you mean `trainers`?"));
    }

    #[test]
    fn spaces_in_patterns_match_line_breaks() {
        let re = compile_key_pattern("including {value} canadians").unwrap();
        assert!(re.is_match("including 57\ncanadians"));
        let re = compile_key_pattern("a[ ]b {value}").unwrap();
        assert!(!re.is_match("a  b 5"));
        assert!(re.is_match("a b  5"));
    }

    #[test]
    fn relation_cycle_is_an_error() {
        let text = "[[keys]]\nname = \"a\"\n[[keys]]\nname = \"b\"\n\
                    [[relations]]\ntotal = \"a\"\nparts = [\"b\"]\n\
                    [[relations]]\npart = \"a\"\nwhole = \"b\"\n";
        let e = first_error(text);
        assert!(e.message.contains("cycle"), "{}", e.message);
    }

    #[test]
    fn relation_shape_is_checked() {
        let text = "[[keys]]\nname = \"a\"\n[[relations]]\ntotal = \"a\"\nwhole = \"a\"\n";
        assert!(first_error(text).message.contains("either"));
    }

    #[test]
    fn hedge_bounds_are_checked() {
        let text =
            "[[hedges]]\nwords = [\"about\"]\nkind = \"approximate\"\nlow = 1.2\nhigh = 1.1\n";
        assert!(first_error(text).message.contains("low <= high"));
    }

    #[test]
    fn later_packs_override_hedges() {
        let r = Rules::from_packs(&[
            (
                "a.toml".into(),
                "[[hedges]]\nwords = [\"about\"]\nkind = \"approximate\"\nlow = 0.9\nhigh = 1.1\n"
                    .into(),
                true,
            ),
            (
                "b.toml".into(),
                "[[hedges]]\nwords = [\"About\"]\nkind = \"approximate\"\nlow = 0.8\nhigh = 1.2\n"
                    .into(),
                false,
            ),
        ])
        .unwrap();
        assert_eq!(r.hedge("about").unwrap().low, 0.8);
    }
}

//! Names of people, organisations and places: the vocabulary the rule packs give for them
//! (`[names]`, `[[titles]]`, `[[aliases]]`), the normalisation that lets two spellings be
//! compared, and the grouping of name mentions into entities that the name, title and
//! quotation checks share.
//!
//! Spellings are compared at increasing distance: the same letters once accents are
//! folded (`José` / `Jose`), the same letters once spaces, hyphens and apostrophes are
//! removed (`Abdul-Mahdi` / `Abdul Mahdi`, `al-Sadr` / `Alsadr`), the same once particles
//! are dropped (`Ludwig van Beethoven` / `Ludwig Beethoven`), and, for people only, word by
//! word: the same consonant skeleton with close vowels (`Adel` / `Adil`, `Mohammed` /
//! `Muhammad`) or a declared short form (`Tom` / `Thomas`). Candidates are blocked by the
//! last consonants of the name's skeleton, so no name is compared with every other.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use unicode_normalization::UnicodeNormalization;

use crate::diag::SpanError;
use crate::extract::{Claim, ClaimKind, EntityKind, Name};

// ----- the rule packs' schema ----------------------------------------------------------------

/// `[names]`: word lists for finding and comparing names. Every list is merged across packs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NamesDef {
    /// Lowercase words inside a name that are not names themselves (`al`, `van`, `de`).
    #[serde(default)]
    pub particles: Vec<String>,
    /// Titles of address, stripped from titles before they are compared (`Hon.`, `Dr.`).
    #[serde(default)]
    pub honorifics: Vec<String>,
    /// Words that head a title or role (`minister`, `president`, `critic`).
    #[serde(default)]
    pub roles: Vec<String>,
    /// Roles too general to contradict a specific title (`leader`, `official`).
    #[serde(default)]
    pub generic_roles: Vec<String>,
    /// Words that may stand before a role in a title (`defence`, `foreign`, `prime`).
    #[serde(default)]
    pub title_words: Vec<String>,
    /// Words in a title that do not change who the person is (`departing`, `caretaker`).
    #[serde(default)]
    pub title_qualifiers: Vec<String>,
    /// Capitalised words that never start or make a name (`The`, `Monday`).
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Words that make a name an organisation's (`Institute`, `Party`).
    #[serde(default)]
    pub organisation_words: Vec<String>,
    /// Words that make a name a place's (`Street`, `River`, `Middle East`).
    #[serde(default)]
    pub place_words: Vec<String>,
    /// Words after which a single capitalised word is a place (`in`, `from`).
    #[serde(default)]
    pub place_prepositions: Vec<String>,
    /// Given names common enough that two of them are two people (`Dan`, `Don`).
    #[serde(default)]
    pub common_given: Vec<String>,
    /// Short given names and the long ones they stand for: `["tom", "thomas"]`.
    #[serde(default)]
    pub short_forms: Vec<Spanned<Vec<String>>>,
    /// Letter groups that transliterations write differently, rewritten before names are
    /// compared: `["ph", "f"]`.
    #[serde(default)]
    pub sounds: Vec<Spanned<Vec<String>>>,
    /// Verbs that attribute a quotation (`said`, `told`).
    #[serde(default)]
    pub speech_verbs: Vec<String>,
}

/// `[[titles]]`: forms of one title that mean the same.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleDef {
    pub canonical: Spanned<String>,
    #[serde(default)]
    pub forms: Vec<Spanned<String>>,
}

/// `[[aliases]]`: names of one entity (`ISIL = ISIS = Daesh = Islamic State`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasDef {
    pub canonical: Spanned<String>,
    pub names: Vec<Spanned<String>>,
}

// ----- compiled ----------------------------------------------------------------------------

/// The names vocabulary of every loaded pack, compiled.
#[derive(Debug, Default, Clone)]
pub struct NameRules {
    pub particles: HashSet<String>,
    pub honorifics: HashSet<String>,
    pub roles: HashSet<String>,
    pub generic_roles: HashSet<String>,
    pub title_words: HashSet<String>,
    pub title_qualifiers: HashSet<String>,
    pub not_names: HashSet<String>,
    pub organisation_words: HashSet<String>,
    pub place_words: HashSet<String>,
    pub place_prepositions: HashSet<String>,
    pub common_given: HashSet<String>,
    /// short form -> long forms, and long form -> short forms.
    pub short_forms: HashMap<String, Vec<String>>,
    pub sounds: Vec<(String, String)>,
    pub speech_verbs: HashSet<String>,
    /// Normalised title form -> canonical title.
    pub titles: HashMap<String, String>,
    /// The most words a title form has.
    pub max_title_words: usize,
    /// Folded alias -> (canonical, index of the alias group).
    pub aliases: HashMap<String, usize>,
    /// Alias groups: canonical name first.
    pub alias_groups: Vec<Vec<String>>,
    /// For each length up to 64, a bit for the last six bits of the first byte of every ASCII
    /// alias of that length: most names are ruled out by it before they are hashed.
    /// Rebuilt by [`NameRules::add`].
    pub alias_shapes: Vec<u64>,
    /// A bit for the pair of the last five bits of the first and of the last byte of every
    /// ASCII alias: told before the letters of a name are counted. Rebuilt by
    /// [`NameRules::add`].
    pub alias_ends: [u64; 16],
    /// Every word of the lists above that the names pass asks about, with the [`class`]
    /// bits of the lists it is in: one lookup per word instead of one per list. Rebuilt by
    /// [`NameRules::add`].
    pub classes: HashMap<String, u16>,
    /// The shapes of the words in [`NameRules::classes`]: most words are in no list, and
    /// are told so without hashing. Rebuilt by [`NameRules::add`].
    pub class_shapes: Shapes,
    /// The shapes of the particles, for [`NameRules::is_particle`]. Rebuilt by
    /// [`NameRules::add`].
    pub particle_shapes: Shapes,
}

/// The bits of [`NameRules::classes`]: which lists a folded word is in.
pub mod class {
    pub const PARTICLE: u16 = 1;
    pub const HONORIFIC: u16 = 1 << 1;
    pub const ROLE: u16 = 1 << 2;
    pub const TITLE_WORD: u16 = 1 << 3;
    pub const TITLE_QUALIFIER: u16 = 1 << 4;
    pub const NOT_NAME: u16 = 1 << 5;
    pub const ORGANISATION: u16 = 1 << 6;
    pub const PLACE: u16 = 1 << 7;
    pub const PLACE_PREPOSITION: u16 = 1 << 8;
    /// A month or weekday name: never in the map (the calendar words are the lexicon's,
    /// not the rules'), set by the names pass itself.
    pub const CALENDAR: u16 = 1 << 9;
}

impl NameRules {
    /// Add one pack's declarations; problems are pushed as diagnostics.
    pub fn add(
        &mut self,
        names: &NamesDef,
        titles: &[TitleDef],
        aliases: &[AliasDef],
        err: &mut dyn FnMut(Range<usize>, String, &str),
    ) {
        let lower = |set: &mut HashSet<String>, words: &[String]| {
            set.extend(words.iter().map(|w| crate::rules::normalize_phrase(w)));
        };
        lower(&mut self.particles, &names.particles);
        lower(&mut self.honorifics, &names.honorifics);
        // `Dr.` is also written `Dr`; words are looked up without their full stop.
        let dotless: Vec<String> = self
            .honorifics
            .iter()
            .map(|h| h.trim_end_matches('.').to_string())
            .collect();
        self.honorifics.extend(dotless);
        lower(&mut self.roles, &names.roles);
        lower(&mut self.generic_roles, &names.generic_roles);
        lower(&mut self.title_words, &names.title_words);
        lower(&mut self.title_qualifiers, &names.title_qualifiers);
        lower(&mut self.not_names, &names.not_names);
        lower(&mut self.organisation_words, &names.organisation_words);
        lower(&mut self.place_words, &names.place_words);
        lower(&mut self.place_prepositions, &names.place_prepositions);
        lower(&mut self.common_given, &names.common_given);
        lower(&mut self.speech_verbs, &names.speech_verbs);
        self.classes.clear();
        for (set, bit) in [
            (&self.particles, class::PARTICLE),
            (&self.honorifics, class::HONORIFIC),
            (&self.roles, class::ROLE),
            (&self.title_words, class::TITLE_WORD),
            (&self.title_qualifiers, class::TITLE_QUALIFIER),
            (&self.not_names, class::NOT_NAME),
            (&self.organisation_words, class::ORGANISATION),
            (&self.place_words, class::PLACE),
            (&self.place_prepositions, class::PLACE_PREPOSITION),
        ] {
            for w in set {
                *self.classes.entry(w.clone()).or_default() |= bit;
            }
        }
        self.class_shapes = Shapes::of(self.classes.keys());
        self.particle_shapes = Shapes::of(&self.particles);
        for pair in &names.short_forms {
            let words: Vec<String> = pair.get_ref().iter().map(|w| fold(w)).collect();
            if words.len() < 2 || words.iter().any(String::is_empty) {
                err(
                    pair.span(),
                    "a short form lists the short name, then one or more long ones".into(),
                    "here",
                );
                continue;
            }
            for long in &words[1..] {
                self.short_forms
                    .entry(words[0].clone())
                    .or_default()
                    .push(long.clone());
                self.short_forms
                    .entry(long.clone())
                    .or_default()
                    .push(words[0].clone());
            }
        }
        for pair in &names.sounds {
            match pair.get_ref().as_slice() {
                [from, to] if !from.is_empty() => self.sounds.push((fold(from), fold(to))),
                _ => err(
                    pair.span(),
                    "a sound rule is a pair: the letters as written, then what they stand for"
                        .into(),
                    "here",
                ),
            }
        }
        // Longer letter groups first, so `kh` is rewritten before `h` rules could apply.
        self.sounds.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
        for t in titles {
            let canonical = self.title_key(t.canonical.get_ref());
            if canonical.is_empty() {
                err(
                    t.canonical.span(),
                    "a title group needs a canonical title".into(),
                    "empty",
                );
                continue;
            }
            for f in std::iter::once(&t.canonical).chain(&t.forms) {
                let form = self.title_key(f.get_ref());
                if form.is_empty() {
                    err(f.span(), "a title form may not be empty".into(), "empty");
                    continue;
                }
                self.max_title_words = self.max_title_words.max(form.split(' ').count());
                self.titles.insert(form, canonical.clone());
            }
        }
        for a in aliases {
            let canonical = a.canonical.get_ref().trim().to_string();
            if canonical.is_empty() {
                err(
                    a.canonical.span(),
                    "an alias group needs a canonical name".into(),
                    "empty",
                );
                continue;
            }
            let group = self.alias_groups.len();
            let mut names = vec![canonical.clone()];
            for n in std::iter::once(&a.canonical).chain(&a.names) {
                let key = joined(&fold(n.get_ref().trim()));
                if key.is_empty() {
                    err(n.span(), "an alias may not be empty".into(), "empty");
                    continue;
                }
                if !names.contains(&n.get_ref().trim().to_string()) {
                    names.push(n.get_ref().trim().to_string());
                }
                self.aliases.insert(key, group);
            }
            self.alias_groups.push(names);
        }
        self.alias_shapes = vec![0; ALIAS_INLINE + 1];
        self.alias_ends = [0; 16];
        for key in self.aliases.keys() {
            if let Some(&first) = key.as_bytes().first()
                && key.is_ascii()
                && let Some(shape) = self.alias_shapes.get_mut(key.len())
            {
                *shape |= 1 << (first & 63);
            }
            if key.is_ascii()
                && let Some(cell) = ends_cell(key.as_bytes())
            {
                self.alias_ends[cell >> 6] |= 1 << (cell & 63);
            }
        }
    }

    /// A title lowercased and single-spaced, without honorifics, articles or full stops.
    pub fn title_key(&self, title: &str) -> String {
        let mut out = String::new();
        for w in title.split_whitespace() {
            let lw = fold(w);
            let bare = lw.trim_end_matches('.');
            if self.honorifics.contains(&lw)
                || self.honorifics.contains(bare)
                || matches!(bare, "the" | "a" | "an")
            {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(bare.trim_matches(|c: char| !c.is_alphanumeric()));
        }
        out
    }

    /// What a title means, for comparing two of them: the canonical form of the longest
    /// declared form it ends with, else its words without qualifiers and leading
    /// capitalised modifiers (nationalities, organisations), `of` phrases naming a place
    /// dropped. `None` for a title that holds no role.
    pub fn title_meaning(&self, title: &str) -> Option<String> {
        // Drop qualifiers wherever they are, and a trailing `of X` that is no declared form.
        // Each word is folded once, for both the test and its key.
        let mut keys: Vec<String> = Vec::new();
        for w in title.split_whitespace() {
            let f = fold(w);
            let bare = f.trim_end_matches('.');
            if self.title_qualifiers.contains(bare)
                || self.honorifics.contains(&f)
                || self.honorifics.contains(bare)
                || matches!(bare, "the" | "a" | "an")
            {
                continue;
            }
            keys.push(f.trim_matches(|c: char| !c.is_alphanumeric()).to_string());
        }
        // The longest declared form found as a run of words, each run joined into one
        // reused buffer.
        let mut phrase = String::new();
        for len in (1..=self.max_title_words.min(keys.len())).rev() {
            for start in 0..=keys.len() - len {
                phrase.clear();
                for (n, k) in keys[start..start + len].iter().enumerate() {
                    if n > 0 {
                        phrase.push(' ');
                    }
                    phrase.push_str(k);
                }
                if let Some(c) = self.titles.get(phrase.as_str()) {
                    return Some(c.clone());
                }
            }
        }
        // The last role word, with the lowercase title words just before it.
        let head = keys.iter().rposition(|k| self.roles.contains(k))?;
        let mut start = head;
        // Title words before the role count (`Prime Minister`), but not a leading
        // nationality or organisation (`Canadian`, `NATO`).
        while start > 0 && self.title_words.contains(&keys[start - 1]) {
            start -= 1;
        }
        Some(keys[start..=head].join(" "))
    }

    /// The [`class`] bits of a folded word (0 for a word in none of the lists). The shape
    /// test is inlined into the caller; only a word that passes it is hashed.
    #[inline]
    pub fn class(&self, folded: &str) -> u16 {
        if !self.class_shapes.may_hold(folded) {
            return 0;
        }
        self.listed_class(folded)
    }

    /// [`NameRules::class`] of a word, looked up in the map.
    fn listed_class(&self, folded: &str) -> u16 {
        self.classes.get(folded).copied().unwrap_or(0)
    }

    /// Whether a folded word is a particle: `particles.contains`, most words told
    /// without hashing.
    pub fn is_particle(&self, folded: &str) -> bool {
        self.particle_shapes.may_hold(folded) && self.particles.contains(folded)
    }

    /// Whether a title's meaning is a generic role (`leader`).
    pub fn is_generic(&self, meaning: &str) -> bool {
        self.generic_roles.contains(meaning)
    }

    /// The alias group a name belongs to. The test that rules most names out is inlined
    /// into the caller; the rest is [`NameRules::alias_group_read`].
    #[inline]
    pub fn alias_group(&self, name: &str) -> Option<usize> {
        // A short ASCII name that starts and ends with a letter or digit starts and ends
        // its key with them (lowercase, which has the same last five bits): no alias has
        // these ends, so it is none, before its letters are counted.
        let b = name.as_bytes();
        if b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.last().is_some_and(u8::is_ascii_alphanumeric)
            && let Some(cell) = ends_cell(b)
            && self.alias_ends[cell >> 6] >> (cell & 63) & 1 == 0
            && name.len() <= ALIAS_INLINE
            && name.is_ascii()
        {
            return None;
        }
        self.alias_group_read(name)
    }

    /// [`NameRules::alias_group`] of a name its first test did not rule out.
    fn alias_group_read(&self, name: &str) -> Option<usize> {
        // The common case, a short ASCII name, folded on the stack.
        const MAX: usize = ALIAS_INLINE;
        if name.is_ascii() && name.len() <= MAX {
            // No alias has this length and first letter: not one, without folding or
            // hashing.
            let n = name.bytes().filter(u8::is_ascii_alphanumeric).count();
            let first = name
                .bytes()
                .find(u8::is_ascii_alphanumeric)
                .map_or(0, |b| b.to_ascii_lowercase() & 63);
            if self
                .alias_shapes
                .get(n)
                .is_none_or(|shape| shape >> first & 1 == 0)
            {
                return None;
            }
            let mut buf = [0u8; MAX];
            for (d, b) in buf
                .iter_mut()
                .zip(name.bytes().filter(u8::is_ascii_alphanumeric))
            {
                *d = b.to_ascii_lowercase();
            }
            let key = std::str::from_utf8(&buf[..n]).ok()?;
            return self.aliases.get(key).copied();
        }
        self.aliases.get(&joined(&fold(name))).copied()
    }
}

/// The bit (0 to 1023) of the last five bits of a word's first and last bytes; `None` for
/// the empty word.
#[inline]
fn ends_cell(b: &[u8]) -> Option<usize> {
    let (&first, &last) = (b.first()?, b.last()?);
    Some(usize::from(first & 31) << 5 | usize::from(last & 31))
}

/// The shapes of the words of a list: for each length up to [`SHAPE_LEN`] (longer words
/// share the last), a bit for each pair of the last five bits of a word's first byte and
/// of its last byte. A word whose shape is not there is not in the list.
#[derive(Debug, Default, Clone)]
pub struct Shapes(Vec<[u64; 16]>);

/// The lengths [`Shapes`] tell apart; longer words share the last.
const SHAPE_LEN: usize = 24;

impl Shapes {
    fn of<'a>(words: impl IntoIterator<Item = &'a String>) -> Shapes {
        let mut cells = vec![[0u64; 16]; SHAPE_LEN + 1];
        for w in words {
            if let Some(cell) = ends_cell(w.as_bytes()) {
                cells[w.len().min(SHAPE_LEN)][cell >> 6] |= 1 << (cell & 63);
            }
        }
        Shapes(cells)
    }

    /// Whether a word of the list may be `w`: false only when none has its shape (true
    /// for the empty word, which has none).
    #[inline]
    pub fn may_hold(&self, w: &str) -> bool {
        let Some(cell) = ends_cell(w.as_bytes()) else {
            return true;
        };
        self.0
            .get(w.len().min(SHAPE_LEN))
            .is_some_and(|shape| shape[cell >> 6] >> (cell & 63) & 1 != 0)
    }
}

/// The longest name [`NameRules::alias_group`] folds on the stack.
const ALIAS_INLINE: usize = 64;

// ----- normalisation -----------------------------------------------------------------------

/// Letters that Unicode does not decompose, with what they fold to.
const FOLD_EXTRA: &[(char, &str)] = &[
    ('ø', "o"),
    ('Ø', "o"),
    ('ł', "l"),
    ('Ł', "l"),
    ('đ', "d"),
    ('Đ', "d"),
    ('ß', "ss"),
    ('æ', "ae"),
    ('Æ', "ae"),
    ('œ', "oe"),
    ('Œ', "oe"),
    ('ı', "i"),
    ('’', "'"),
    ('‘', "'"),
    ('‐', "-"),
    ('‑', "-"),
];

/// Lowercase, accents removed (`José` -> `jose`), curly apostrophes straightened.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if let Some((_, r)) = FOLD_EXTRA.iter().find(|(k, _)| *k == c) {
            out.push_str(r);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether `s` is written with an accent or a letter folded away.
pub fn has_marks(s: &str) -> bool {
    s.nfd().any(unicode_normalization::char::is_combining_mark)
        || s.chars().any(|c| FOLD_EXTRA.iter().any(|(k, _)| *k == c))
}

/// Letters only: spaces, hyphens, apostrophes and full stops removed.
pub fn joined(folded: &str) -> String {
    folded.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The consonant skeleton of a folded word: sound rules applied, vowels dropped, doubled
/// letters made single (`mohammed` and `muhammad` both give `mhmd`).
pub fn skeleton(folded: &str, rules: &NameRules) -> String {
    let mut s: String = folded.chars().filter(|c| c.is_alphabetic()).collect();
    for (from, to) in &rules.sounds {
        if s.contains(from.as_str()) {
            s = s.replace(from.as_str(), to);
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    for c in s.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            continue;
        }
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// Similarity of two words, 0 to 1, by characters (similar's ratio).
pub fn ratio(a: &str, b: &str) -> f32 {
    similar::TextDiff::from_chars(a, b).ratio()
}

/// How two spellings of one name differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Variation {
    /// Capital letters only (`McDonald` / `Mcdonald`).
    Case,
    /// Accents only (`José` / `Jose`).
    Diacritics,
    /// Hyphens, spaces or a prefix written joined or apart (`Abdul-Mahdi` / `Abdul Mahdi`).
    Spacing,
    /// A particle dropped or added (`Ludwig van Beethoven` / `Ludwig Beethoven`).
    Particle,
    /// A transliteration variant: the same consonants, different vowels or doubling.
    Transliteration,
    /// A short given name for a long one (`Tom` / `Thomas`): information only.
    ShortForm,
}

impl Variation {
    pub fn describe(self) -> &'static str {
        match self {
            Variation::Case => "capitalisation differs",
            Variation::Diacritics => "accents differ",
            Variation::Spacing => "hyphenation or spacing differs",
            Variation::Particle => "a particle is dropped or added",
            Variation::Transliteration => "a transliteration variant",
            Variation::ShortForm => "a short form of the given name",
        }
    }
}

/// One spelling of a name, analysed once.
#[derive(Debug, Clone)]
pub struct Spelling {
    /// As written, single-spaced.
    pub text: String,
    pub folded: String,
    /// Name words (split at spaces and hyphens), folded, particles removed.
    pub words: Vec<String>,
    /// Letters only, particles included.
    pub joined: String,
    /// Letters only, particles removed.
    pub bare: String,
    pub person: bool,
}

impl Spelling {
    pub fn new(text: &str, person: bool, rules: &NameRules) -> Spelling {
        let folded = fold(text);
        let mut words = Vec::new();
        let mut bare = String::new();
        for w in folded.split(|c: char| c.is_whitespace() || c == '-') {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_empty() || rules.particles.contains(w) {
                continue;
            }
            // A particle joined by an apostrophe (`d'Arc`) or written as a prefix
            // (`al-` is split above).
            bare.push_str(&joined(w));
            words.push(w.to_string());
        }
        Spelling {
            text: text.to_string(),
            joined: joined(&folded),
            folded,
            words,
            bare,
            person,
        }
    }

    /// The key that blocks candidates: the last three consonants of the skeleton of the
    /// name without particles (so every spelling of one surname shares it).
    pub fn block(&self, rules: &NameRules) -> String {
        let sk = skeleton(&self.bare, rules);
        let n = sk.chars().count();
        sk.chars().skip(n.saturating_sub(3)).collect()
    }
}

/// How `a` and `b` differ when they spell one name, or `None` when they are two names.
pub fn variation(a: &Spelling, b: &Spelling, rules: &NameRules) -> Option<Variation> {
    if a.text == b.text {
        return None;
    }
    if a.folded == b.folded {
        // Capitals only (`CANADIAN PRESS` in a byline) are typography, not spelling.
        let shouting = |s: &str| !s.chars().any(char::is_lowercase);
        if a.text.to_lowercase() == b.text.to_lowercase()
            && (shouting(&a.text) || shouting(&b.text))
        {
            return None;
        }
        return Some(if a.text.to_lowercase() == b.text.to_lowercase() {
            Variation::Case
        } else {
            Variation::Diacritics
        });
    }
    if a.joined == b.joined && !a.joined.is_empty() {
        return Some(Variation::Spacing);
    }
    if a.bare == b.bare && !a.bare.is_empty() {
        return Some(Variation::Particle);
    }
    // Word by word, for people only: two organisations or places whose names are close
    // are usually two (`Northern Iraq`, `Northern Iran`).
    if !(a.person || b.person) {
        return None;
    }
    let (wa, wb) = (&a.words, &b.words);
    if wa.is_empty() || wb.is_empty() {
        return None;
    }
    if wa.len() != wb.len() {
        // A surname alone against a full name: compare it with the surname.
        let (one, full) = if wa.len() == 1 { (a, b) } else { (b, a) };
        if one.words.len() != 1 || !full.person {
            return None;
        }
        let last = full.words.last()?;
        if &one.words[0] == last {
            // The surname alone: perhaps the same person, but not another spelling.
            return None;
        }
        return match word_variation(&one.words[0], last, rules, false) {
            Some(Variation::Transliteration) => Some(Variation::Transliteration),
            _ => None,
        };
    }
    if wa.len() == 1 && !(a.person && b.person) {
        return None;
    }
    let mut worst: Option<Variation> = None;
    let mut equal = 0;
    for (i, (x, y)) in wa.iter().zip(wb).enumerate() {
        if x == y {
            equal += 1;
            continue;
        }
        let given = i + 1 < wa.len();
        let v = word_variation(x, y, rules, given)?;
        worst = Some(worst.map_or(v, |w| w.max(v)));
    }
    // At least one word must be the same in a name of several words.
    if wa.len() > 1 && equal == 0 {
        return None;
    }
    worst
}

/// How two single name words differ, if they are one name.
fn word_variation(x: &str, y: &str, rules: &NameRules, given: bool) -> Option<Variation> {
    if given
        && rules
            .short_forms
            .get(x)
            .is_some_and(|l| l.iter().any(|w| w == y))
    {
        return Some(Variation::ShortForm);
    }
    // Two common given names are two people (`Dan`, `Don`).
    if given && rules.common_given.contains(x) && rules.common_given.contains(y) {
        return None;
    }
    let (sx, sy) = (skeleton(x, rules), skeleton(y, rules));
    if sx != sy || sx.chars().count() < 2 || x.chars().count() < 3 || y.chars().count() < 3 {
        return None;
    }
    (ratio(x, y) >= 0.6).then_some(Variation::Transliteration)
}

// ----- entities ----------------------------------------------------------------------------

/// Name mentions grouped into entities: spellings that are variants of each other, with
/// the claims that use each.
#[derive(Debug, Default)]
pub struct Entities {
    /// Every claim's entity, by claim index: [`NO_ENTITY`] for a claim that has none. Four
    /// bytes a claim, where a map of the name claims alone took more than four times that.
    of_claim: Vec<u32>,
    pub groups: Vec<Entity>,
}

/// The entity of a claim that has none.
const NO_ENTITY: u32 = u32::MAX;

impl Entities {
    /// The entity a claim belongs to, if it is a name (or a short reference to one).
    pub fn of_claim(&self, claim: usize) -> Option<usize> {
        let e = *self.of_claim.get(claim)?;
        (e != NO_ENTITY).then_some(e as usize)
    }

    fn set_entity(&mut self, claim: usize, entity: usize) {
        // There are far fewer entities than `u32` holds (a gigabyte of news has about
        // fourteen million claims in all).
        self.of_claim[claim] = u32::try_from(entity).unwrap_or(NO_ENTITY);
    }
}

/// One entity and its spellings.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Spellings in first-use order, with the claims (full mentions) that use each and
    /// the claims (short references) that point at them.
    pub spellings: Vec<EntitySpelling>,
    /// The largest difference between two of its spellings, if it has several.
    pub variation: Option<Variation>,
    pub person: bool,
}

#[derive(Debug, Clone)]
pub struct EntitySpelling {
    pub text: String,
    /// Mentions written this way (claim indices).
    pub claims: Vec<usize>,
    /// Short references to a mention written this way.
    pub references: Vec<usize>,
}

impl EntitySpelling {
    /// How many times this spelling is used, short references included.
    pub fn uses(&self) -> usize {
        self.claims.len() + self.references.len()
    }
}

impl Entity {
    /// The spelling used most, if one is used more than each other.
    pub fn majority(&self) -> Option<&EntitySpelling> {
        let best = self.spellings.iter().map(EntitySpelling::uses).max()?;
        let mut top = self.spellings.iter().filter(|s| s.uses() == best);
        let first = top.next()?;
        top.next().is_none().then_some(first)
    }

    /// Every claim of the entity.
    pub fn claims(&self) -> impl Iterator<Item = usize> + '_ {
        self.spellings
            .iter()
            .flat_map(|s| s.claims.iter().chain(&s.references).copied())
    }
}

/// The name of a claim, if it is one.
pub fn name_of(c: &Claim) -> Option<&Name> {
    match &c.kind {
        ClaimKind::Name(n) => Some(n),
        _ => None,
    }
}

/// The full name a name claim stands for (its referent's, for a short reference).
pub fn full_name(claims: &[Claim], i: usize) -> Option<&str> {
    let n = claims.get(i)?.name()?;
    match n
        .refers_to
        .and_then(|r| claims.get(r.index()))
        .and_then(|c| c.name())
    {
        Some(full) => Some(&full.text),
        None => Some(&n.text),
    }
}

/// Group every name claim into entities.
pub fn group(claims: &[Claim], rules: &NameRules) -> Entities {
    // Distinct spellings, each with its claims.
    let mut index: HashMap<(&str, bool), usize> = HashMap::new();
    let mut spellings: Vec<(Spelling, Vec<usize>)> = Vec::new();
    let mut references: Vec<(usize, usize)> = Vec::new(); // (claim, referent claim)
    for (i, c) in claims.iter().enumerate() {
        let Some(n) = name_of(c) else { continue };
        if let Some(r) = n.refers_to {
            references.push((i, r.index()));
            continue;
        }
        let person = n.kind == EntityKind::Person;
        // One name is read once, as a person if any mention is.
        let key = (&*n.text, person);
        match index.get(&key) {
            Some(&s) => spellings[s].1.push(i),
            None => {
                index.insert(key, spellings.len());
                spellings.push((Spelling::new(&n.text, person, rules), vec![i]));
            }
        }
    }
    // A spelling written both as a person's name and otherwise is one spelling.
    let n = spellings.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut link_kind: Vec<Option<Variation>> = vec![None; n];
    let mut by_text: HashMap<&str, usize> = HashMap::new();
    for (i, (s, _)) in spellings.iter().enumerate() {
        if let Some(&j) = by_text.get(s.text.as_str()) {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            parent[ri] = rj;
        } else {
            by_text.insert(s.text.as_str(), i);
        }
    }
    // Block by the end of the skeleton; compare spellings within a block only.
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (s, _)) in spellings.iter().enumerate() {
        blocks.entry(s.block(rules)).or_default().push(i);
    }
    let mut block_list: Vec<(String, Vec<usize>)> = blocks.into_iter().collect();
    block_list.sort();
    for (_, members) in &block_list {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if let Some(v) = variation(&spellings[i].0, &spellings[j].0, rules) {
                    let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                    let merged = [link_kind[ri], link_kind[rj], Some(v)]
                        .into_iter()
                        .flatten()
                        .max();
                    parent[ri] = rj;
                    link_kind[rj] = merged;
                }
            }
        }
    }
    // Build the entities in first-use order.
    let mut of_root: HashMap<usize, usize> = HashMap::new();
    let mut out = Entities {
        of_claim: vec![NO_ENTITY; claims.len()],
        groups: Vec::new(),
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| spellings[i].1[0]);
    for i in order {
        let r = root(&mut parent, i);
        let e = *of_root.entry(r).or_insert_with(|| {
            out.groups.push(Entity {
                spellings: Vec::new(),
                variation: link_kind[r],
                person: false,
            });
            out.groups.len() - 1
        });
        // Each spelling is visited once: its text and claims are moved, not copied.
        let (sp, claims_i) = &mut spellings[i];
        let claims_i = std::mem::take(claims_i);
        for &c in &claims_i {
            out.set_entity(c, e);
        }
        let g = &mut out.groups[e];
        g.person |= sp.person;
        match g.spellings.iter_mut().find(|s| s.text == sp.text) {
            Some(s) => s.claims.extend(claims_i),
            None => g.spellings.push(EntitySpelling {
                text: std::mem::take(&mut sp.text),
                claims: claims_i,
                references: Vec::new(),
            }),
        }
    }
    for g in &mut out.groups {
        for s in &mut g.spellings {
            s.claims.sort_unstable();
        }
    }
    for (c, r) in references {
        let Some(e) = out.of_claim(r) else {
            continue;
        };
        out.set_entity(c, e);
        let text = name_of(&claims[r]).map(|n| &*n.text).unwrap_or("");
        if let Some(s) = out.groups[e].spellings.iter_mut().find(|s| s.text == text) {
            s.references.push(c);
        }
    }
    out
}

/// A problem in a pack's names tables, as a diagnostic.
pub fn pack_error(
    path: &str,
    text: &str,
    span: Range<usize>,
    msg: String,
    label: &str,
) -> SpanError {
    SpanError::new(path, text, Some(span), msg, label, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> NameRules {
        crate::rules::Rules::builtin().unwrap().names.clone()
    }

    fn var(a: &str, b: &str) -> Option<Variation> {
        let r = rules();
        variation(&Spelling::new(a, true, &r), &Spelling::new(b, true, &r), &r)
    }

    #[test]
    fn spellings_of_one_name() {
        assert_eq!(var("José Martí", "Jose Marti"), Some(Variation::Diacritics));
        assert_eq!(
            var("Adel Abdul-Mahdi", "Adil Abdul-Mahdi"),
            Some(Variation::Transliteration)
        );
        assert_eq!(
            var("Mohammed Ali", "Muhammad Ali"),
            Some(Variation::Transliteration)
        );
        assert_eq!(
            var("Adel Abdul-Mahdi", "Adel Abdul Mahdi"),
            Some(Variation::Spacing)
        );
        assert_eq!(
            var("Moqtada al-Sadr", "Moqtada Alsadr"),
            Some(Variation::Spacing)
        );
        assert_eq!(
            var("Ludwig van Beethoven", "Ludwig Beethoven"),
            Some(Variation::Particle)
        );
        assert_eq!(
            var("Tom Hanson", "Thomas Hanson"),
            Some(Variation::ShortForm)
        );
        assert_eq!(
            var("Harjit Sajjan", "Sajan"),
            Some(Variation::Transliteration)
        );
    }

    #[test]
    fn different_people() {
        assert_eq!(var("Justin Trudeau", "Pierre Trudeau"), None);
        assert_eq!(var("John Smith", "Jane Smith"), None);
        assert_eq!(var("Dan Smith", "Don Smith"), None);
        assert_eq!(var("Stephen Harper", "Jack Harris"), None);
        let r = rules();
        let place = |s: &str| Spelling::new(s, false, &r);
        assert_eq!(variation(&place("Niger"), &place("Nigeria"), &r), None);
        assert_eq!(variation(&place("Iran"), &place("Iraq"), &r), None);
        assert_eq!(
            variation(&place("Québec"), &place("Quebec"), &r),
            Some(Variation::Diacritics)
        );
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// The alias shapes never turn an alias away: the group is the one the folded name
        /// gives.
        #[test]
        fn alias_group_matches_a_plain_lookup(
            words in prop::collection::vec(prop::sample::select(vec![
                "Islamic", "State", "ISIL", "isis", "U.N.", "UN", "United", "Nations", "NATO",
                "of", "Iraq", "the", "Levant", "Daesh", "Jane", "Doe", "Ørsted", "É", "-", "9",
            ]), 0..6),
        ) {
            let r = rules_once();
            let name = words.join(" ");
            let plain = r.aliases.get(&joined(&fold(&name))).copied();
            prop_assert_eq!(r.alias_group(&name), plain, "{}", name);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// The class shapes never turn a listed word away: the bits are the map's.
        #[test]
        fn class_matches_a_plain_lookup(
            w in prop_oneof![
                "[a-zé’'.-]{0,30}",
                prop::sample::select(
                    rules_once().classes.keys().cloned().collect::<Vec<_>>()
                ),
            ],
        ) {
            let r = rules_once();
            let plain = r.classes.get(&w).copied().unwrap_or(0);
            prop_assert_eq!(r.class(&w), plain, "{}", w);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// The particle shapes never turn a particle away.
        #[test]
        fn is_particle_matches_the_list(
            w in prop_oneof![
                "[a-z’'-]{0,8}",
                prop::sample::select(
                    rules_once().particles.iter().cloned().collect::<Vec<_>>()
                ),
            ],
        ) {
            let r = rules_once();
            prop_assert_eq!(r.is_particle(&w), r.particles.contains(&w), "{}", w);
        }
    }

    /// [`NameRules::title_meaning`] as it was, folding each word twice and joining a new
    /// phrase for every run of words tried.
    fn title_meaning_plain(r: &NameRules, title: &str) -> Option<String> {
        // Drop qualifiers wherever they are, and a trailing `of X` that is no declared form.
        let words: Vec<&str> = title
            .split_whitespace()
            .filter(|w| {
                let f = fold(w);
                let bare = f.trim_end_matches('.');
                !r.title_qualifiers.contains(bare)
                    && !r.honorifics.contains(&f)
                    && !r.honorifics.contains(bare)
                    && !matches!(bare, "the" | "a" | "an")
            })
            .collect();
        let keys: Vec<String> = words
            .iter()
            .map(|w| {
                fold(w)
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_string()
            })
            .collect();
        // The longest declared form found as a run of words.
        for len in (1..=r.max_title_words.min(keys.len())).rev() {
            for start in 0..=keys.len() - len {
                let phrase = keys[start..start + len].join(" ");
                if let Some(c) = r.titles.get(&phrase) {
                    return Some(c.clone());
                }
            }
        }
        // The last role word, with the lowercase title words just before it.
        let head = keys.iter().rposition(|k| r.roles.contains(k))?;
        let mut start = head;
        // Title words before the role count (`Prime Minister`), but not a leading
        // nationality or organisation (`Canadian`, `NATO`).
        while start > 0 && r.title_words.contains(&keys[start - 1]) {
            start -= 1;
        }
        Some(keys[start..=head].join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// The meaning read with each word folded once is the one read before.
        #[test]
        fn title_meaning_matches_the_plain_reading(
            words in prop::collection::vec(prop::sample::select(vec![
                "Defence", "defence", "Minister", "minister", "of", "national", "The", "the",
                "Prime", "departing", "Hon.", "Dr.", "Canadian", "NATO", "leader", "Foreign",
                "critic", "opposition", "Iraq", "a", "É", "(acting)", "Secretary", "State",
                "U.S.", "-",
            ]), 0..7),
        ) {
            let r = rules_once();
            let title = words.join(" ");
            prop_assert_eq!(r.title_meaning(&title), title_meaning_plain(r, &title), "{}", title);
        }
    }

    /// The built-in names rules, loaded once for the property tests.
    fn rules_once() -> &'static NameRules {
        static RULES: std::sync::OnceLock<NameRules> = std::sync::OnceLock::new();
        RULES.get_or_init(rules)
    }

    #[test]
    fn classes_agree_with_the_lists() {
        let r = rules();
        let lists = [
            (&r.particles, class::PARTICLE),
            (&r.honorifics, class::HONORIFIC),
            (&r.roles, class::ROLE),
            (&r.title_words, class::TITLE_WORD),
            (&r.title_qualifiers, class::TITLE_QUALIFIER),
            (&r.not_names, class::NOT_NAME),
            (&r.organisation_words, class::ORGANISATION),
            (&r.place_words, class::PLACE),
            (&r.place_prepositions, class::PLACE_PREPOSITION),
        ];
        let words = lists
            .iter()
            .flat_map(|(set, _)| set.iter().map(String::as_str))
            .chain(["", "jane", "monday", "ministers", "Minister"]);
        for w in words {
            for (set, bit) in lists {
                assert_eq!(r.class(w) & bit != 0, set.contains(w), "{w:?} {bit}");
            }
            assert_eq!(r.class(w) & class::CALENDAR, 0, "{w:?}");
        }
    }

    #[test]
    fn titles_mean_the_same() {
        let r = rules();
        let m = |t: &str| r.title_meaning(t);
        assert_eq!(m("Defence Minister"), m("minister of national defence"));
        assert_eq!(m("Canadian Defense Minister"), m("Defence Minister"));
        assert_eq!(
            m("The Prime Minister of Iraq"),
            m("departing Prime Minister")
        );
        assert_eq!(m("Hon. Dr. Finance Minister"), m("finance minister"));
        assert_ne!(m("Foreign Minister"), m("defence critic"));
        assert_eq!(m("opposition critic"), Some("opposition critic".into()));
    }
}

//! The TOML schema of a rule pack, as written. Values that are validated after parsing
//! carry their span (`toml::Spanned`) so that an error can point at them.

use serde::Deserialize;
use toml::Spanned;

/// One rule pack file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    #[serde(default)]
    pub pack: PackMeta,
    #[serde(default)]
    pub hedges: Vec<HedgeDef>,
    #[serde(default)]
    pub vague: Vec<VagueDef>,
    #[serde(default)]
    pub vocabulary: Vocabulary,
    #[serde(default)]
    pub synonyms: Vec<SynonymDef>,
    #[serde(default)]
    pub keys: Vec<KeyDefRaw>,
    #[serde(default)]
    pub relations: Vec<RelationDef>,
    #[serde(default)]
    pub tests: Vec<TestDef>,
    /// `[time]`: the vocabulary of dates and durations.
    #[serde(default)]
    pub time: Option<crate::extract::time::VocabFile>,
    #[serde(default)]
    pub names: crate::entities::NamesDef,
    #[serde(default)]
    pub titles: Vec<crate::entities::TitleDef>,
    #[serde(default)]
    pub aliases: Vec<crate::entities::AliasDef>,
    #[serde(default)]
    pub units: Vec<UnitDef>,
    #[serde(default)]
    pub currencies: Vec<CurrencyDef>,
    #[serde(default)]
    pub frames: FramesDef,
}

/// `[[units]]`: a unit of measure (or a percentage), what it measures and its factor to
/// the base unit of that dimension (metre, square metre, litre, kilogram, km/h, degree
/// Celsius, joule, watt, byte, hertz; for percentages, the percent or point).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDef {
    pub name: Spanned<String>,
    pub dimension: crate::extract::units::UnitClass,
    pub factor: Spanned<f64>,
    /// Added after the factor (a Fahrenheit temperature to Celsius).
    #[serde(default)]
    pub offset: f64,
    /// Words and phrases after a figure, any case (`kilometres`, `square miles`).
    #[serde(default)]
    pub words: Vec<String>,
    /// Symbols after a figure, exact case, possibly glued to it (`km`, `kg`, `°C`).
    #[serde(default)]
    pub symbols: Vec<String>,
}

/// `[[currencies]]`: a currency by its ISO 4217 code (`$` for a dollar not named).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrencyDef {
    pub code: Spanned<String>,
    /// Words after a figure, any case (`euros`, `US dollars`).
    #[serde(default)]
    pub words: Vec<String>,
    /// Signs and codes before a figure (`€`, `US$`, `EUR`).
    #[serde(default)]
    pub symbols: Vec<String>,
    /// Signs after a figure, exact case (`15€`).
    #[serde(default)]
    pub after: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    pub name: Option<String>,
    pub description: Option<String>,
}

/// What a hedge says about the figure it qualifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HedgeKind {
    /// `around 500`: somewhere near the figure.
    Approximate,
    /// `more than 500`: the figure is a lower bound.
    Lower,
    /// `fewer than 500`: the figure is an upper bound.
    Upper,
    /// `between 20 and 30`: introduces a range.
    Range,
}

/// `[[hedges]]`: words that qualify a figure, and the interval each implies, as
/// multipliers of the figure (`low = 0.9, high = 1.1` turns 500 into 450 to 550).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeDef {
    pub words: Vec<Spanned<String>>,
    pub kind: HedgeKind,
    /// Multiplier for the low end; for an upper bound, absent means zero.
    pub low: Option<Spanned<f64>>,
    /// Multiplier for the high end; for a lower bound, absent means unbounded.
    pub high: Option<Spanned<f64>>,
}

/// `[[vague]]`: words that stand for a range of counts (`dozens` = 24 to 99).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VagueDef {
    pub words: Vec<Spanned<String>>,
    pub low: Spanned<f64>,
    pub high: Spanned<f64>,
}

/// `[vocabulary]`: word lists the extractor reads. Every list is merged across packs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Words that make the number after them an identifier (`Flight 370`, `Route 66`).
    #[serde(default)]
    pub identifiers: Vec<String>,
    /// Words that make the numbers around them page furniture (`Photo 3 of 12`).
    #[serde(default)]
    pub furniture: Vec<String>,
    /// Nouns that make a number a duration, not a count (`10 days`).
    #[serde(default)]
    pub time_units: Vec<String>,
    /// Nouns that make a score out of a pair of numbers (`a 3-1 win`).
    #[serde(default)]
    pub scores: Vec<String>,
    /// Subject heads too generic to compare on their own (`people`, `others`).
    #[serde(default)]
    pub generic_subjects: Vec<String>,
    /// Words that end a subject phrase.
    #[serde(default)]
    pub subject_stop: Vec<String>,
    /// Words dropped from a subject when it is turned into a key.
    #[serde(default)]
    pub subject_drop: Vec<String>,
    /// Predicates kept in the key because they change what is counted (`killed`).
    #[serde(default)]
    pub predicates: Vec<String>,
    /// Phrases that repeat the previous figure (`a similar number of`).
    #[serde(default)]
    pub anaphora: Vec<Spanned<String>>,
    /// Words that never end a subject as a plural head (`news`, `series`).
    #[serde(default)]
    pub invariant_nouns: Vec<String>,
    /// Plurals that the endings below would get wrong, with their singular (`buses` is
    /// `bus`, `wolves` is `wolf`, `mice` is `mouse`).
    #[serde(default)]
    pub plurals: std::collections::BTreeMap<String, String>,
    /// Plural endings and what replaces them in the singular (`["ies", "y"]`); the
    /// longest ending that fits wins, and a plain `s` is dropped when none does.
    #[serde(default)]
    pub plural_endings: Vec<(String, String)>,
    /// Words after a figure that make it a factor or a frequency, not a count (`three
    /// times`, `four times as many`, `three times a week`).
    #[serde(default)]
    pub multiplier_words: Vec<String>,
    /// Words between a multiplier and a unit of time that make it a frequency (`three
    /// times a week`, `twice per year`).
    #[serde(default)]
    pub frequency_words: Vec<String>,
    /// Adverbs of frequency that make the period after them how often, not a duration
    /// (`twice a week`, `once a month`).
    #[serde(default)]
    pub frequency_adverbs: Vec<String>,
    /// Verbs that may stand between a subject and its location (`troops are in Iraq`).
    #[serde(default)]
    pub location_verbs: Vec<String>,
    /// Words before `half` or `quarter` that make it a part of something, not a share
    /// (`the second half`, `the third quarter`).
    #[serde(default)]
    pub share_blockers: Vec<String>,
    /// Nouns that name what the figure after `of` counts (`a death toll of 89`,
    /// `a crew of twelve`).
    #[serde(default)]
    pub of_heads: Vec<String>,
    /// Prepositions that start a qualifier after a subject kept in its key (`bound for`).
    #[serde(default)]
    pub qualifier_prepositions: Vec<String>,
    /// Words of change before `from X to Y`, which make it a change, not a range
    /// (`rose from 3.9 to 3.6`).
    #[serde(default)]
    pub change_words: Vec<String>,
    /// Two words after a figure that make it a lower bound (`or more`, `and above`).
    #[serde(default)]
    pub lower_after: Vec<String>,
    /// Two words after a figure that make it an upper bound (`or less`, `or fewer`).
    #[serde(default)]
    pub upper_after: Vec<String>,
    /// Words that end a street address after a number (`12 Main Street`).
    #[serde(default)]
    pub address_words: Vec<String>,
}

/// `[[synonyms]]`: subject words that count the same thing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymDef {
    pub canonical: Spanned<String>,
    pub words: Vec<Spanned<String>>,
}

/// `[[keys]]`: a named key, given to the claims its patterns or subjects match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyDefRaw {
    pub name: Spanned<String>,
    pub description: Option<String>,
    /// Regular expressions; `{value}` stands for the words holding the figure.
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Automatic keys (as `crosscheck claims` shows them) that this key takes over.
    #[serde(default)]
    pub subjects: Vec<Spanned<String>>,
}

/// `[[relations]]`: `total = sum(parts)` or `part <= whole`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationDef {
    pub total: Option<Spanned<String>>,
    pub parts: Option<Spanned<Vec<Spanned<String>>>>,
    /// Whether the parts must reach the total (true) or only not exceed it.
    pub exhaustive: Option<bool>,
    pub part: Option<Spanned<String>>,
    pub whole: Option<Spanned<String>>,
}

/// `[[tests]]`: a sentence and what extraction must (or must not) find in it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestDef {
    pub text: Spanned<String>,
    /// A claim with this key must be found (or, with `absent`, must not).
    pub key: Option<String>,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub hedge: Option<String>,
    pub unit: Option<String>,
    #[serde(default)]
    pub absent: bool,
    /// Exactly this many quantity claims must be found.
    pub claims: Option<usize>,
}

/// `[frames]`: the words that tie figures together (lists, totals, changes, shares,
/// multiples). Every list is merged across packs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FramesDef {
    /// Words joining the items of a list (`and`, `plus`).
    #[serde(default)]
    pub list_separators: Vec<String>,
    /// Words between a total and a list that is the whole of it (`were`, `comprising`).
    #[serde(default)]
    pub list_links: Vec<String>,
    /// Words saying a list is partial (`including`, `such as`).
    #[serde(default)]
    pub partial: Vec<String>,
    /// Words before a figure that make it a total (`all`, `a total of`).
    #[serde(default)]
    pub total_before: Vec<String>,
    /// Words after a figure that make it a total (`in all`).
    #[serde(default)]
    pub total_after: Vec<String>,
    /// Heads of a total that may gather parts named otherwise (`people`, `victims`).
    #[serde(default)]
    pub collective: Vec<String>,
    /// Words after a figure that add it to the ones before (`more`).
    #[serde(default)]
    pub additive_after: Vec<String>,
    /// Words before a figure that add it to the ones before (`another`).
    #[serde(default)]
    pub additive_before: Vec<String>,
    /// Ordinals counting one more item of a sequence (`second`).
    #[serde(default)]
    pub sequence: Vec<String>,
    /// Words starting a sequence as a count of one (`one`).
    #[serde(default)]
    pub sequence_start: Vec<String>,
    /// Change words, upward (`rose`, `up`).
    #[serde(default)]
    pub up: Vec<String>,
    /// Change words, downward (`fell`, `down`).
    #[serde(default)]
    pub down: Vec<String>,
    /// Subject words of a change in percentage points (`points`).
    #[serde(default)]
    pub points: Vec<String>,
    /// Words that say nothing of what a figure is about, left out when two clauses are
    /// compared for their subject (`the`, `was`, `in`, `last year`).
    #[serde(default)]
    pub topic_ignore: Vec<String>,
    /// Words opening a sentence whose share is one of the figure in the sentence before
    /// (`The party won 35 seats. That is a third of the 90 seats.`).
    #[serde(default)]
    pub share_back: Vec<String>,
    /// Fractions in words (`a third` = 1/3).
    #[serde(default)]
    pub fractions: Vec<FactorDef>,
    /// Multiples (`tripled` = 3).
    #[serde(default)]
    pub multiples: Vec<FactorDef>,
}

/// `[[frames.fractions]]` and `[[frames.multiples]]`: words and the factor they state.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorDef {
    pub words: Vec<String>,
    #[serde(alias = "value")]
    pub factor: Spanned<f64>,
}

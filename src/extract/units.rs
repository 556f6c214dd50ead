//! Units of measure and currencies: the mechanism. The vocabulary (every unit's names,
//! symbols and factor to its dimension's base unit; every currency's words and signs) is
//! data, in `rules/units.toml`.
//!
//! A measure's value is converted to its dimension's base unit, so that `40 kilometres`
//! and `25 miles` compare (within rounding), and a dimension never compares with another
//! or with a count: `9,000 feet` is a length, `9,000 people` a count.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind};
use serde::{Deserialize, Serialize};

use super::Unit;

/// A physical dimension, with the base unit its values are converted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    Length,
    Area,
    Volume,
    Mass,
    Speed,
    Temperature,
    Energy,
    Power,
    Data,
    Frequency,
}

impl Dimension {
    /// The symbol of the base unit values are converted to.
    pub fn base_symbol(self) -> &'static str {
        match self {
            Dimension::Length => "m",
            Dimension::Area => "m2",
            Dimension::Volume => "l",
            Dimension::Mass => "kg",
            Dimension::Speed => "km/h",
            Dimension::Temperature => "°C",
            Dimension::Energy => "J",
            Dimension::Power => "W",
            Dimension::Data => "B",
            Dimension::Frequency => "Hz",
        }
    }
}

/// What a `[[units]]` entry measures: a dimension, or a percentage of either kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitClass {
    Percent,
    PercentagePoints,
    Length,
    Area,
    Volume,
    Mass,
    Speed,
    Temperature,
    Energy,
    Power,
    Data,
    Frequency,
}

impl UnitClass {
    fn unit(self) -> Unit {
        let d = match self {
            UnitClass::Percent => return Unit::Percent,
            UnitClass::PercentagePoints => return Unit::PercentagePoints,
            UnitClass::Length => Dimension::Length,
            UnitClass::Area => Dimension::Area,
            UnitClass::Volume => Dimension::Volume,
            UnitClass::Mass => Dimension::Mass,
            UnitClass::Speed => Dimension::Speed,
            UnitClass::Temperature => Dimension::Temperature,
            UnitClass::Energy => Dimension::Energy,
            UnitClass::Power => Dimension::Power,
            UnitClass::Data => Dimension::Data,
            UnitClass::Frequency => Dimension::Frequency,
        };
        Unit::Measure(d)
    }
}

/// One unit or currency as compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitInfo {
    /// The canonical name (`kilometre`, `percentage point`, `EUR`).
    pub name: String,
    pub unit: Unit,
    /// Multiplies a figure into the base unit (`1609.344` for a mile).
    pub factor: f64,
    /// Added after the factor (temperatures: Fahrenheit to Celsius).
    pub offset: f64,
}

impl UnitInfo {
    /// A figure in this unit, in the base unit.
    pub fn to_base(&self, x: f64) -> f64 {
        if x.is_infinite() {
            x
        } else {
            x * self.factor + self.offset
        }
    }
}

/// The compiled unit vocabulary: what may follow a figure, and what may precede it.
#[derive(Debug, Default)]
pub struct UnitTable {
    infos: Vec<UnitInfo>,
    /// Words after a figure, any case (`kilometres`, `per cent`, `euros`).
    words: Option<AhoCorasick>,
    word_ids: Vec<usize>,
    /// Symbols after a figure, exact case, possibly glued (`km`, `kg`, `°C`, `L`).
    symbols: Option<AhoCorasick>,
    symbol_ids: Vec<usize>,
    /// The bytes some word, or some symbol, starts with: most positions after a figure
    /// start neither, and are ruled out without running an automaton.
    word_starts: Screen,
    symbol_starts: Screen,
    /// Currency signs and codes before a figure (`$`, `US$`, `€`, `EUR`), longest first.
    prefixes: Vec<(String, usize)>,
    /// Whether some prefix ends with this byte: most figures follow a space and are ruled
    /// out without trying each prefix.
    prefix_ends: Vec<bool>,
}

/// Entries collected from the packs, compiled once every pack is read.
#[derive(Debug, Default)]
pub struct UnitTableBuilder {
    infos: Vec<UnitInfo>,
    words: Vec<(String, usize)>,
    symbols: Vec<(String, usize)>,
    prefixes: Vec<(String, usize)>,
}

impl UnitTableBuilder {
    /// A unit of measure (or a percentage), its names and symbols.
    pub fn add_unit(
        &mut self,
        name: &str,
        class: UnitClass,
        factor: f64,
        offset: f64,
        words: &[String],
        symbols: &[String],
    ) {
        let id = self.infos.len();
        self.infos.push(UnitInfo {
            name: name.to_string(),
            unit: class.unit(),
            factor,
            offset,
        });
        self.words.extend(
            words
                .iter()
                .map(|w| (super::super::rules::normalize_phrase(w), id)),
        );
        self.symbols.extend(symbols.iter().map(|s| (s.clone(), id)));
    }

    /// A currency by its code (`$` for a dollar not otherwise named).
    pub fn add_currency(
        &mut self,
        code: &'static str,
        words: &[String],
        symbols: &[String],
        after: &[String],
    ) {
        let id = self.infos.len();
        self.infos.push(UnitInfo {
            name: code.to_string(),
            unit: Unit::Currency(code),
            factor: 1.0,
            offset: 0.0,
        });
        self.words.extend(
            words
                .iter()
                .map(|w| (super::super::rules::normalize_phrase(w), id)),
        );
        self.symbols.extend(after.iter().map(|s| (s.clone(), id)));
        self.prefixes
            .extend(symbols.iter().map(|s| (s.clone(), id)));
    }

    pub fn build(mut self) -> UnitTable {
        // A later pack overrides an earlier one: keep the last entry of each word.
        let dedup = |v: &mut Vec<(String, usize)>| {
            let mut seen = std::collections::HashSet::new();
            let mut out: Vec<(String, usize)> = Vec::with_capacity(v.len());
            for (w, id) in v.drain(..).rev() {
                if !w.is_empty() && seen.insert(w.clone()) {
                    out.push((w, id));
                }
            }
            out.reverse();
            *v = out;
        };
        dedup(&mut self.words);
        dedup(&mut self.symbols);
        dedup(&mut self.prefixes);
        let build = |pats: &[(String, usize)], ci: bool| {
            if pats.is_empty() {
                return None;
            }
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(ci)
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(aho_corasick::StartKind::Anchored)
                .build(pats.iter().map(|(w, _)| w.as_str()))
                .ok()
        };
        let words = build(&self.words, true);
        let symbols = build(&self.symbols, false);
        let word_starts = Screen::new(&self.words, true);
        let symbol_starts = Screen::new(&self.symbols, false);
        self.prefixes
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut prefix_ends = vec![false; 256];
        for (p, _) in &self.prefixes {
            if let Some(&b) = p.as_bytes().last() {
                prefix_ends[usize::from(b)] = true;
            }
        }
        UnitTable {
            infos: self.infos,
            words,
            word_ids: self.words.into_iter().map(|(_, id)| id).collect(),
            symbols,
            symbol_ids: self.symbols.into_iter().map(|(_, id)| id).collect(),
            word_starts,
            symbol_starts,
            prefixes: self.prefixes,
            prefix_ends,
        }
    }
}

/// The first two bytes the patterns of an automaton start with. A pattern one byte long
/// is kept by its byte alone; with `ci` (an automaton that ignores ASCII case), bytes are
/// kept and asked about in ASCII lowercase.
#[derive(Debug, Default)]
struct Screen {
    /// By byte: some pattern is this byte alone.
    single: Vec<bool>,
    /// By first byte times 256 plus second byte: some pattern starts with these two.
    pairs: Vec<bool>,
    ci: bool,
}

impl Screen {
    fn new(pats: &[(String, usize)], ci: bool) -> Screen {
        let mut screen = Screen {
            single: vec![false; 256],
            pairs: vec![false; 256 * 256],
            ci,
        };
        for (p, _) in pats {
            match *p.as_bytes() {
                [] => {}
                [a] => {
                    let a = screen.fold(a);
                    screen.single[a] = true;
                }
                [a, b, ..] => {
                    let k = screen.fold(a) * 256 + screen.fold(b);
                    screen.pairs[k] = true;
                }
            }
        }
        screen
    }

    fn fold(&self, b: u8) -> usize {
        usize::from(if self.ci { b.to_ascii_lowercase() } else { b })
    }

    /// Whether some pattern may match at `pos` of `text`, by the bytes there. Exact as a
    /// test to rule a position out: a match of a pattern at `pos` has the pattern's first
    /// byte there, and its second byte after it when it has one.
    fn may_start(&self, text: &[u8], pos: usize) -> bool {
        let Some(&a) = text.get(pos) else {
            return false;
        };
        let a = self.fold(a);
        self.single[a]
            || text
                .get(pos + 1)
                .is_some_and(|&b| self.pairs[a * 256 + self.fold(b)])
    }
}

/// Whether a unit word may end at `end`: what follows is not a letter or digit.
fn ends_word(text: &str, end: usize) -> bool {
    !text
        .get(end..)
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_alphanumeric)
}

impl UnitTable {
    pub fn info(&self, id: usize) -> Option<&UnitInfo> {
        self.infos.get(id)
    }

    /// The unit written at `pos` exactly (no space skipping): `(end, unit id)`. A symbol
    /// may be glued to the figure; a word, when `glued` is false, must stand alone.
    pub fn after(&self, text: &str, pos: usize, glued: bool) -> Option<(usize, usize)> {
        self.after_screened(text, pos, glued, true)
    }

    /// [`UnitTable::after`]; with `screen`, an automaton runs only when some pattern
    /// starts with the bytes at `pos` (see [`Screen::may_start`]). That is exact: an
    /// anchored match starts at `pos` (the automaton of words folds ASCII case only, as
    /// its screen does).
    fn after_screened(
        &self,
        text: &str,
        pos: usize,
        glued: bool,
        screen: bool,
    ) -> Option<(usize, usize)> {
        if pos >= text.len() || !text.is_char_boundary(pos) {
            return None;
        }
        let find = |ac: &Option<AhoCorasick>, ids: &[usize], starts: &Screen| {
            if screen && !starts.may_start(text.as_bytes(), pos) {
                return None;
            }
            let ac = ac.as_ref()?;
            let m = ac
                .find(Input::new(text).range(pos..).anchored(Anchored::Yes))
                .filter(|m| {
                    ends_word(text, m.end())
                        || !text[m.start()..m.end()].ends_with(char::is_alphanumeric)
                })?;
            Some((m.end(), *ids.get(m.pattern().as_usize())?))
        };
        let sym = find(&self.symbols, &self.symbol_ids, &self.symbol_starts);
        let word = if glued {
            None
        } else {
            find(&self.words, &self.word_ids, &self.word_starts)
        };
        match (sym, word) {
            (Some(s), Some(w)) => Some(if w.0 >= s.0 { w } else { s }),
            (a, b) => a.or(b),
        }
    }

    /// A currency sign or code ending at `end` (`$`, `US$`, `€`, `EUR`): its start and
    /// currency code.
    pub fn currency_before(&self, text: &str, end: usize) -> Option<(usize, &'static str)> {
        let head = text.get(..end)?;
        let last = *head.as_bytes().last()?;
        if !self
            .prefix_ends
            .get(usize::from(last))
            .copied()
            .unwrap_or(false)
        {
            return None;
        }
        for (sym, id) in &self.prefixes {
            if sym.as_bytes().last() != Some(&last) {
                continue;
            }
            if let Some(rest) = head.strip_suffix(sym.as_str()) {
                let alpha_start = sym.starts_with(char::is_alphanumeric);
                let glued_before = rest.ends_with(char::is_alphanumeric);
                if glued_before && (alpha_start || sym.chars().all(|c| !c.is_alphanumeric())) {
                    // `XY$5` or `ABEUR 5`: not a currency this table knows.
                    if alpha_start {
                        continue;
                    }
                    return None;
                }
                if let Some(Unit::Currency(code)) = self.infos.get(*id).map(|i| &i.unit) {
                    return Some((rest.len(), code));
                }
            }
        }
        None
    }
}

/// ISO 4217 codes a pack may name, and `$` for a dollar not otherwise named.
const CURRENCY_CODES: &[&str] = &[
    "$", "AED", "AFN", "ALL", "AMD", "ARS", "AUD", "AZN", "BAM", "BDT", "BGN", "BHD", "BRL", "BYN",
    "CAD", "CHF", "CLP", "CNY", "COP", "CRC", "CZK", "DKK", "DZD", "EGP", "ETB", "EUR", "GBP",
    "GEL", "GHS", "HKD", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY",
    "KES", "KRW", "KWD", "KZT", "LBP", "LKR", "MAD", "MXN", "MYR", "NGN", "NOK", "NPR", "NZD",
    "OMR", "PEN", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SEK", "SGD", "SYP",
    "THB", "TND", "TRY", "TWD", "TZS", "UAH", "UGX", "USD", "UZS", "VES", "VND", "XAF", "XOF",
    "YER", "ZAR", "ZMW",
];

/// The static code for a currency code a pack names, if it is a known one.
pub fn currency_code(code: &str) -> Option<&'static str> {
    CURRENCY_CODES.iter().copied().find(|c| *c == code)
}

#[cfg(test)]
mod tests {
    use crate::rules::Rules;
    use proptest::prelude::*;

    /// Texts of unit words and symbols in either case, and what surrounds them.
    fn texts() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "km",
            "KM",
            "Km",
            "kilometres",
            "Kilometres",
            "per cent",
            "PER CENT",
            "percent",
            "%",
            "°C",
            "°",
            "C",
            "kg",
            "L",
            "l",
            "mph",
            "euros",
            "Euros",
            "dollars",
            "US",
            "$",
            "€",
            "sq",
            "square",
            "ft",
            "feet",
            "m",
            "M",
            "miles",
            "people",
            "a",
            "é",
            "中",
            " ",
            "-",
            "5",
            ".",
            "²",
            "tonnes",
            "t",
            "pe",
            "PER cent",
            "Ki",
            "kilo",
            "°",
            "°C",
            "%",
        ]);
        prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Screening by first bytes finds what running both automata finds.
        #[test]
        fn screened_after_matches_the_automata(s in texts(), at in 0usize..64, glued: bool) {
            let units = &Rules::shipped().units;
            let pos = at % (s.len() + 1);
            prop_assert_eq!(
                units.after_screened(&s, pos, glued, true),
                units.after_screened(&s, pos, glued, false)
            );
        }
    }
}

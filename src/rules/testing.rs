//! The packs' inline tests: a sentence, and what extraction must or must not find in it.

use super::{PackTest, Rules};
use crate::extract::{Extractor, Quantity};
use crate::source::{Source, SourceKind};

/// The result of one inline test.
#[derive(Debug)]
pub struct Outcome<'a> {
    pub test: &'a PackTest,
    /// `None` when it passed; else what went wrong.
    pub failure: Option<String>,
}

/// Run every inline test of the loaded packs (or only those of packs whose path is in
/// `only`, when it is not empty). A pack's tests run against the built-in packs and that
/// pack alone, so that one pack's keys cannot change what another pack's tests find (a
/// story pack that keys `special forces` must not fail a built-in test about them).
pub fn run<'a>(rules: &'a Rules, only: &[String]) -> Vec<Outcome<'a>> {
    // One rule set per pack whose tests run: the built-ins, plus the pack if it is not one.
    let mut contexts: Vec<(&str, Rules, Extractor)> = Vec::new();
    let merged = Extractor::new(rules);
    let mut out = Vec::new();
    for t in rules
        .tests
        .iter()
        .filter(|t| only.is_empty() || only.contains(&t.path))
    {
        let builtin = rules
            .sources
            .iter()
            .any(|(path, _, b)| *b && *path == t.path);
        let context = if builtin { "" } else { t.path.as_str() };
        if !contexts.iter().any(|(c, ..)| *c == context) {
            let packs: Vec<(String, String, bool)> = rules
                .sources
                .iter()
                .filter(|(path, _, b)| *b || (!builtin && *path == t.path))
                .cloned()
                .collect();
            // A pack that needs another user pack to load is tested with every pack.
            if let Ok(r) = Rules::from_packs(&packs) {
                let e = Extractor::new(&r);
                contexts.push((context, r, e));
            }
        }
        let (r, e) = contexts
            .iter()
            .find(|(c, ..)| *c == context)
            .map_or((rules, &merged), |(_, r, e)| (r, e));
        out.push(Outcome {
            test: t,
            failure: check_one(e, r, t),
        });
    }
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0) || (a.is_infinite() && a == b)
}

fn describe(q: &Quantity) -> String {
    format!(
        "{} ({} to {}, {:?}, unit {}, key {})",
        q.value,
        q.low,
        q.high,
        q.qualifier,
        q.unit.as_str(),
        q.key.as_deref().unwrap_or("none")
    )
}

fn check_one(extractor: &Extractor, rules: &Rules, t: &PackTest) -> Option<String> {
    let d = &t.def;
    let source = Source::new("<test>", d.text.get_ref().clone(), SourceKind::Text);
    let found = extractor.extract(&source, 0, rules);
    let qs: Vec<&Quantity> = found.claims.iter().filter_map(|c| c.quantity()).collect();
    if let Some(n) = d.claims
        && qs.len() != n
    {
        return Some(format!(
            "expected {n} claim(s), found {}: {}",
            qs.len(),
            qs.iter()
                .map(|q| describe(q))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    let matches_values = |q: &Quantity| {
        d.value.is_none_or(|v| close(q.value, v))
            && d.low.is_none_or(|v| close(q.low, v))
            && d.high.is_none_or(|v| close(q.high, v))
            && d.hedge
                .as_ref()
                .is_none_or(|h| q.hedge.as_deref() == Some(h.as_str()))
            && d.unit.as_ref().is_none_or(|u| q.unit.as_str() == u)
    };
    let with_key: Vec<&&Quantity> = qs
        .iter()
        .filter(|q| {
            d.key
                .as_ref()
                .is_none_or(|k| q.key.as_deref() == Some(k.as_str()))
        })
        .collect();
    let constrained = d.key.is_some()
        || d.value.is_some()
        || d.low.is_some()
        || d.high.is_some()
        || d.hedge.is_some()
        || d.unit.is_some();
    if d.absent {
        return with_key.iter().any(|q| matches_values(q)).then(|| {
            format!(
                "expected no such claim, found {}",
                with_key
                    .iter()
                    .map(|q| describe(q))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        });
    }
    if constrained && !with_key.iter().any(|q| matches_values(q)) {
        return Some(format!(
            "no claim matches; found: {}",
            if qs.is_empty() {
                "nothing".to_string()
            } else {
                qs.iter()
                    .map(|q| describe(q))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        ));
    }
    None
}

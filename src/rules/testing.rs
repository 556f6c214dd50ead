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
/// `only`, when it is not empty).
pub fn run<'a>(rules: &'a Rules, only: &[String]) -> Vec<Outcome<'a>> {
    let extractor = Extractor::new(rules);
    rules
        .tests
        .iter()
        .filter(|t| only.is_empty() || only.contains(&t.path))
        .map(|t| Outcome {
            test: t,
            failure: check_one(&extractor, rules, t),
        })
        .collect()
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

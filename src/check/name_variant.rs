//! `name-variant`: one name spelled more than one way.

use super::{Check, CheckInfo, Context, Edit, Finding, Fix, Label, Severity};
use crate::entities::{Entity, Variation};

pub struct NameVariant;

/// The most labels on one finding.
const MAX_LABELS: usize = 8;

static INFO: CheckInfo = CheckInfo {
    code: "F001",
    name: "name-variant",
    group: "names",
    default_severity: Severity::Warning,
    summary: "one name is spelled more than one way",
    doc: "\
Finds a person, organisation or place whose name is spelled differently, within one source
or across sources: accents (`José` / `Jose`), transliteration (`Mohammed` / `Muhammad`, or
one vowel changed, `Adel` / `Adil`), a prefix or particle written joined, apart or not at all
(`al-Sadr` / `Alsadr`, `Ludwig van Beethoven` / `Ludwig Beethoven`), hyphenation and
spacing (`Abdul-Mahdi` / `Abdul Mahdi`), capitalisation, and a short given name for a long
one (`Tom` / `Thomas`, reported as information only).

No list of names is needed. Spellings are normalised (accents folded, spaces and hyphens
removed, particles dropped, transliteration letter groups such as `ph`/`f` and `q`/`k`
rewritten, vowels set aside) and compared only with spellings that share the end of their
consonant skeleton, so a long text costs no more than a short one. Word-by-word comparison
(vowels, short forms) applies to people's names only; it is conservative: two given names
that are both common (`Dan` / `Don`) are two people, names that share only a surname are two
people (`Justin Trudeau` / `Pierre Trudeau`), and a surname alone is not a variant of the
full name. The word lists are in the `names` rule pack (`[names]`: particles, sounds, common
given names, short forms).

The help names the spelling used most and the sources that use it. A fix is offered when
there is a single right answer: the spelling a fact sheet gives (`--facts`), or, with
`--prefer-majority`, the spelling used most.

## Example

    a.md: The Prime Minister of Iraq, Adel Abdul-Mahdi, asked for a timetable.
      Adel Abdul-Mahdi spoke again on Monday.
    b.md: The departing prime minister, Adil Abdul-Mahdi, backed the vote.

reports `Adel Abdul-Mahdi` (twice, in a.md) and `Adil Abdul-Mahdi` (in b.md) as one name
spelled two ways, and suggests `Adel Abdul-Mahdi`.

## Example that stays silent

    a.md: Prime Minister Justin Trudeau spoke in Ottawa.
    b.md: His father, Pierre Trudeau, held the office before him.
",
};

impl Check for NameVariant {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for e in &cx.entities().groups {
            if e.spellings.len() < 2 {
                continue;
            }
            out.push(finding(cx, e));
        }
    }
}

/// The spelling a fix writes: the fact sheet's, else (when asked) the majority's.
fn canonical(cx: &Context<'_>, e: &Entity) -> Option<(String, String)> {
    for sheet in &cx.options.facts {
        for f in &sheet.facts {
            let Some(spelling) = f.spelling() else {
                continue;
            };
            if e.spellings.iter().any(|s| s.text == spelling)
                || crate::facts::names_match(spelling, e, &cx.rules.names)
            {
                return Some((
                    spelling.to_string(),
                    format!("the fact sheet {} spells it so", sheet.path),
                ));
            }
        }
    }
    if cx.options.prefer_majority
        && let Some(m) = e.majority()
    {
        return Some((m.text.clone(), "the spelling used most".into()));
    }
    None
}

fn finding(cx: &Context<'_>, e: &Entity) -> Finding {
    let variation = e.variation.unwrap_or(Variation::Transliteration);
    let severity = if variation == Variation::ShortForm {
        Severity::Info
    } else {
        Severity::Warning
    };
    let majority = e.majority();
    // The spellings, the one used most first.
    let mut order: Vec<&crate::entities::EntitySpelling> = e.spellings.iter().collect();
    order.sort_by_key(|s| std::cmp::Reverse(s.uses()));
    let names: Vec<String> = order.iter().map(|s| format!("`{}`", s.text)).collect();
    let message = format!(
        "{} is also spelled {} ({})",
        names[0],
        join_and(&names[1..]),
        variation.describe()
    );
    // One label per spelling per source first, so every source and spelling shows.
    let mut labels: Vec<Label> = Vec::new();
    let mut rest: Vec<Label> = Vec::new();
    for s in &order {
        let mut seen_sources = Vec::new();
        for &c in &s.claims {
            let claim = &cx.claims[c];
            let l = cx.label(c, format!("spelled `{}`", s.text));
            if seen_sources.contains(&claim.source) {
                rest.push(l);
            } else {
                seen_sources.push(claim.source);
                labels.push(l);
            }
        }
    }
    labels.extend(rest);
    let hidden = labels.len().saturating_sub(MAX_LABELS);
    labels.truncate(MAX_LABELS);
    let mut help = match majority {
        Some(m) => format!(
            "`{}` is used most ({} of {} mentions, in {}); use one spelling everywhere",
            m.text,
            m.uses(),
            e.spellings.iter().map(|s| s.uses()).sum::<usize>(),
            sources_of(cx, &m.claims),
        ),
        None => {
            let each: Vec<String> = order
                .iter()
                .map(|s| format!("`{}` in {}", s.text, sources_of(cx, &s.claims)))
                .collect();
            format!(
                "no spelling is used most ({}); check which is right and use it everywhere",
                each.join(", ")
            )
        }
    };
    if hidden > 0 {
        help.push_str(&format!(" ({hidden} more places are not shown)"));
    }
    let fix = canonical(cx, e).map(|(text, why)| {
        let edits = rename_edits(cx, e, &text);
        Fix {
            message: format!("write `{text}` ({why})"),
            edits,
        }
    });
    let fix = fix.filter(|f| !f.edits.is_empty());
    if let Some(f) = &fix {
        help.push_str(&format!("; fix: {}", f.message));
    }
    Finding {
        check: &INFO,
        severity,
        message,
        labels,
        help: Some(help),
        fix,
    }
}

/// Edits that write every mention of `e` as `target` (a short reference or a surname alone
/// gets the target's last word).
pub fn rename_edits(cx: &Context<'_>, e: &Entity, target: &str) -> Vec<Edit> {
    let target_last = target.rsplit(' ').next().unwrap_or(target);
    let mut edits = Vec::new();
    for s in &e.spellings {
        if s.text == target {
            continue;
        }
        let single = !s.text.contains(' ');
        let replacement = if single { target_last } else { target };
        for &c in &s.claims {
            let claim = &cx.claims[c];
            if cx.text(claim.source_id(), &claim.span.range()) != replacement {
                edits.push(Edit {
                    source: claim.source_id(),
                    span: claim.span.range(),
                    replacement: replacement.to_string(),
                });
            }
        }
        let last = s.text.rsplit(' ').next().unwrap_or(&s.text);
        if last != target_last {
            for &c in &s.references {
                let claim = &cx.claims[c];
                if cx.text(claim.source_id(), &claim.span.range()) == last {
                    edits.push(Edit {
                        source: claim.source_id(),
                        span: claim.span.range(),
                        replacement: target_last.to_string(),
                    });
                }
            }
        }
    }
    edits.sort_by_key(|e| (e.source, e.span.start));
    edits
}

/// `a.md and b.md`: the sources of some claims, in order, once each.
pub fn sources_of(cx: &Context<'_>, claims: &[usize]) -> String {
    let mut ids: Vec<usize> = claims.iter().map(|&c| cx.claims[c].source_id()).collect();
    ids.sort_unstable();
    ids.dedup();
    let paths: Vec<String> = ids.iter().map(|&i| cx.sources[i].path.clone()).collect();
    join_and(&paths)
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

//! `title-mismatch`: one person given different titles in different sources.

use super::name_variant::join_and;
use super::{Check, CheckInfo, Context, Finding, Label, Severity};
use std::collections::HashMap;

use crate::entities::NameRules;

pub struct TitleMismatch;

static INFO: CheckInfo = CheckInfo {
    code: "F002",
    name: "title-mismatch",
    group: "names",
    default_severity: Severity::Warning,
    summary: "one person is given different titles in different sources",
    doc: "\
Finds a person who is given one title or role in one source and another in a different
source: a foreign minister in one draft and an opposition critic in the next.

A title is read where the text attaches it to a name: before it (`Defence Minister Jane Doe`,
`NATO leader Jane Doe`), or in apposition (`the defence minister, Jane Doe`; `Jane Doe, the
defence minister`). Titles are compared by meaning: honorifics (`Hon.`, `Dr.`), articles,
qualifiers such as `departing` or `caretaker`, a leading nationality or organisation
(`Canadian`, `NATO`) and an `of` phrase naming the place (`Prime Minister of Iraq`) are set
aside, and equivalent forms are one title (`defence minister` = `minister of national
defence` = `minister of defence`; the `[[titles]]` of the names pack, which your own pack can
extend). A general role (`leader`, `official`) or a shorter form (`minister` for `defence
minister`) does not contradict a specific one. Mentions of the person under spellings that
`name-variant` groups together count as one person.

## Example

    a.md: Foreign Minister Jack Harris spoke first.
    b.md: The NDP's defence critic, Jack Harris, answered.

reports `Foreign Minister` and `defence critic` for Jack Harris.

## Example that stays silent

    a.md: Defence Minister Harjit Sajjan flew to Brussels.
    b.md: Harjit Sajjan, the minister of national defence, met his counterparts.
",
};

/// Whether two title meanings can both be true of one person: equal, one general, or one
/// a shorter form of the other (`minister` / `defence minister`).
pub fn compatible(a: &str, b: &str, rules: &NameRules) -> bool {
    if a == b || rules.is_generic(a) || rules.is_generic(b) {
        return true;
    }
    let suffix = |long: &str, short: &str| {
        long.ends_with(short) && long[..long.len() - short.len()].ends_with(' ')
    };
    suffix(a, b) || suffix(b, a)
}

impl Check for TitleMismatch {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let rules = &cx.rules.names;
        // Each title's meaning, worked out once per wording: a corpus repeats its titles.
        let mut meaning_of: HashMap<&str, Option<String>> = HashMap::new();
        for e in &cx.entities().groups {
            if !e.person {
                continue;
            }
            let mentions: Vec<(usize, &str)> = e
                .claims()
                .filter_map(|c| Some((c, cx.claims[c].name()?.title.as_ref()?.text.as_ref())))
                .collect();
            for &(_, t) in &mentions {
                meaning_of
                    .entry(t)
                    .or_insert_with(|| rules.title_meaning(t));
            }
            // (claim, title text, meaning), for every mention with a title.
            let mut titled: Vec<(usize, &str, &str)> = mentions
                .iter()
                .filter_map(|&(c, t)| Some((c, t, meaning_of[t].as_deref()?)))
                .collect();
            titled.sort_by_key(|x| x.0);
            // Pairs of mentions in different sources whose titles cannot both be true. The
            // mentions are grouped by meaning first (a person has few distinct titles), so
            // the cost is linear in the mentions, not quadratic.
            let mut meanings: Vec<(&str, Vec<usize>)> = Vec::new();
            for (k, m) in titled.iter().enumerate() {
                match meanings.iter_mut().find(|g| g.0 == m.2) {
                    Some(g) => g.1.push(k),
                    None => meanings.push((m.2, vec![k])),
                }
            }
            let source_of = |k: usize| cx.claims[titled[k].0].source_id();
            // Each meaning's sources: the first, and whether there is more than one.
            let spread: Vec<(usize, bool)> = meanings
                .iter()
                .map(|g| {
                    let first = source_of(g.1[0]);
                    (first, g.1.iter().any(|&k| source_of(k) != first))
                })
                .collect();
            let mut involved: Vec<usize> = Vec::new();
            let mut first_pair: Option<(usize, usize)> = None;
            for (i, gi) in meanings.iter().enumerate() {
                for (j, gj) in meanings.iter().enumerate() {
                    if i == j || compatible(gi.0, gj.0, rules) {
                        continue;
                    }
                    let (sj, many_j) = spread[j];
                    for &x in &gi.1 {
                        if !many_j && source_of(x) == sj {
                            continue;
                        }
                        involved.push(x);
                        // The earliest partner after `x` in another source.
                        if let Some(&y) =
                            gj.1.iter()
                                .find(|&&y| y > x && source_of(y) != source_of(x))
                            && first_pair.is_none_or(|p| (x, y) < p)
                        {
                            first_pair = Some((x, y));
                        }
                    }
                }
            }
            involved.sort_unstable();
            involved.dedup();
            let Some((x, y)) = first_pair else { continue };
            let name = e
                .majority()
                .map(|s| s.text.as_str())
                .unwrap_or(e.spellings[0].text.as_str());
            let mut distinct: Vec<String> = Vec::new();
            let mut labels = Vec::new();
            for &k in &involved {
                let (c, text, _) = &titled[k];
                let claim = &cx.claims[*c];
                let Some(t) = claim.name().and_then(|n| n.title.as_ref()) else {
                    continue;
                };
                let shown = format!("`{text}`");
                if !distinct.contains(&shown) {
                    distinct.push(shown);
                }
                labels.push(Label {
                    source: claim.source_id(),
                    span: t.span.range(),
                    message: format!("title: `{text}`"),
                });
            }
            let (a, b) = (&titled[x], &titled[y]);
            let help = format!(
                "`{}` in {} and `{}` in {} are not the same office; check which is right, or declare them equivalent in a `[[titles]]` group of a rule pack",
                a.1,
                cx.sources[cx.claims[a.0].source_id()].path,
                b.1,
                cx.sources[cx.claims[b.0].source_id()].path,
            );
            out.push(Finding {
                check: &INFO,
                severity: Severity::Warning,
                message: format!(
                    "`{name}` is given different titles: {}",
                    join_and(&distinct)
                ),
                labels,
                help: Some(help),
                fix: None,
            });
        }
    }
}

//! `title-mismatch`: one person given different titles in different sources.

use super::name_variant::join_and;
use super::{Check, CheckInfo, Context, Finding, Label, Severity};
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
        for e in &cx.entities().groups {
            if !e.person {
                continue;
            }
            // (claim, title text, meaning), for every mention with a title.
            let mut titled: Vec<(usize, &str, String)> = Vec::new();
            for c in e.claims() {
                let Some(n) = cx.claims[c].name() else {
                    continue;
                };
                let Some(t) = &n.title else { continue };
                if let Some(m) = rules.title_meaning(&t.text) {
                    titled.push((c, t.text.as_str(), m));
                }
            }
            titled.sort_by_key(|x| x.0);
            // Pairs of mentions in different sources whose titles cannot both be true.
            let mut involved: Vec<usize> = Vec::new();
            let mut first_pair: Option<(usize, usize)> = None;
            for (x, a) in titled.iter().enumerate() {
                for (y, b) in titled.iter().enumerate().skip(x + 1) {
                    if cx.claims[a.0].source != cx.claims[b.0].source
                        && !compatible(&a.2, &b.2, rules)
                    {
                        first_pair.get_or_insert((x, y));
                        for k in [x, y] {
                            if !involved.contains(&k) {
                                involved.push(k);
                            }
                        }
                    }
                }
            }
            let Some((x, y)) = first_pair else { continue };
            involved.sort_unstable();
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
                    source: claim.source,
                    span: t.span.clone(),
                    message: format!("title: `{text}`"),
                });
            }
            let (a, b) = (&titled[x], &titled[y]);
            let help = format!(
                "`{}` in {} and `{}` in {} are not the same office; check which is right, or declare them equivalent in a `[[titles]]` group of a rule pack",
                a.1,
                cx.sources[cx.claims[a.0].source].path,
                b.1,
                cx.sources[cx.claims[b.0].source].path,
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

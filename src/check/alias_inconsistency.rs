//! `alias-inconsistency`: one entity named several ways in a source without introduction.

use foldhash::{HashMap, HashMapExt};

use super::name_variant::join_and;
use super::{Check, CheckInfo, Context, Finding, Label, Severity};
use crate::entities::{fold, joined};

pub struct AliasInconsistency;

static INFO: CheckInfo = CheckInfo {
    code: "F003",
    name: "alias-inconsistency",
    group: "names",
    default_severity: Severity::Info,
    summary: "an entity is named several ways in one source without being introduced",
    doc: "\
Finds an entity with declared aliases that one source names in more than one way without
introducing one name as the other: `ISIL` in one paragraph and `Daesh` in the next. A reader
cannot tell they are the same group.

Aliases are declared in rule packs (`[[aliases]]`: a canonical name and its other names; the
built-in names pack has `Islamic State = ISIL = ISIS = Daesh`, among others). A source
introduces its aliases when two of them appear in one sentence (`Daesh, also known as ISIL`,
`ISIL (Daesh)`, `ISIL / Daesh`); after that, using either is fine. Sources are checked one
by one: different sources may prefer different names.

This is a matter of style: it is reported as information.

## Example

    a.md: Coalition aircraft struck ISIL positions overnight.
      Daesh fighters withdrew from the town by morning.

reports `ISIL` and `Daesh` in a.md as names of `Islamic State` that are never introduced.

## Example that stays silent

    a.md: The group, Daesh, also known as ISIL, lost ground.
      ISIL fighters withdrew from the town by morning.
",
};

impl Check for AliasInconsistency {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let rules = &cx.rules.names;
        // (source, alias group) -> the claims naming it, in order.
        let mut uses: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (i, c) in cx.claims.iter().enumerate() {
            let Some(n) = c.name() else { continue };
            if n.refers_to.is_some() {
                continue;
            }
            if let Some(g) = rules.alias_group(&n.text) {
                uses.entry((c.source_id(), g)).or_default().push(i);
            }
        }
        let mut keys: Vec<(usize, usize)> = uses.keys().copied().collect();
        keys.sort_unstable();
        for key in keys {
            let claims = &uses[&key];
            // Each use's form, folded once.
            let form_of: Vec<String> = claims
                .iter()
                .map(|&c| joined(&fold(cx.claims[c].name().map_or("", |n| &*n.text))))
                .collect();
            // The distinct forms, each with its first use.
            let mut forms: Vec<(&str, usize)> = Vec::new();
            for (&c, form) in claims.iter().zip(&form_of) {
                if !forms.iter().any(|(f, _)| f == form) {
                    forms.push((form, c));
                }
            }
            if forms.len() < 2 {
                continue;
            }
            // Introduced: two different forms in one sentence. One source can be a whole
            // archive, so each sentence's first form is kept rather than every pair tried.
            let mut in_sentence: HashMap<(usize, usize), &str> = HashMap::new();
            let introduced = claims.iter().zip(&form_of).any(|(&c, form)| {
                let s = &cx.claims[c].sentence;
                *in_sentence.entry((s.start(), s.end())).or_insert(form) != form.as_str()
            });
            if introduced {
                continue;
            }
            let group = &rules.alias_groups[key.1];
            let canonical = group.first().cloned().unwrap_or_default();
            let labels: Vec<Label> = forms
                .iter()
                .map(|&(_, c)| {
                    let text = cx.claims[c]
                        .name()
                        .map(|n| n.text.clone())
                        .unwrap_or_default();
                    cx.label(c, format!("named `{text}`"))
                })
                .collect();
            let shown: Vec<String> = forms
                .iter()
                .map(|&(_, c)| format!("`{}`", cx.claims[c].name().map(|n| &*n.text).unwrap_or("")))
                .collect();
            out.push(Finding {
                check: &INFO,
                severity: Severity::Info,
                message: format!(
                    "{} name one entity (`{canonical}`) in {} without being introduced",
                    join_and(&shown),
                    cx.sources[key.0].path
                ),
                labels,
                help: Some(format!(
                    "use one name throughout, or introduce the other once in the same sentence (`{}, also known as {}`); the aliases are: {}",
                    shown[0].trim_matches('`'),
                    shown[1].trim_matches('`'),
                    group.join(" = ")
                )),
                fix: None,
            });
        }
    }
}

//! `fact-mismatch`: a claim disagrees with the fact sheet.

use super::{
    Check, CheckInfo, Context, Edit, Finding, Fix, Interval, Severity, fmt_interval, fmt_number,
    fmt_quantity,
};
use crate::extract::{Claim, Quantity, Unit};
use crate::facts::{Expect, Fact, FactSheet};

pub struct FactMismatch;

static INFO: CheckInfo = CheckInfo {
    code: "F005",
    name: "fact-mismatch",
    group: "facts",
    default_severity: Severity::Error,
    summary: "a claim disagrees with the fact sheet",
    doc: "\
Checks every claim against the fact sheets given with `--facts FILE` (or `facts = [...]` in
crosscheck.toml): TOML files in which a desk keeps the figures and spellings of a story.

A fact covers claims by `key` (a quantity's key, as `crosscheck claims` shows it), by
`pattern` (a regular expression whose `{value}` holds the figure, as in rule packs), or, for
a name, by its `spelling` (every spelling of that name, found as `name-variant` finds them,
or those a `pattern` matches). A figure disagrees when its interval does not meet the fact's
value plus or minus its `tolerance` (`25`, or `\"5%\"`); so `about 5,000` agrees with a
fact of 5,200 and 10%. A name disagrees when it is spelled otherwise, and a person's title
when it means something else than the fact's `title` (equivalent titles are in the names
pack).

Each disagreement is an error; the help quotes the fact, where the sheet gives it, and its
source and date. A fix writes the fact's spelling, or its value where the claim is an
exact figure in digits.

## Example

    facts.toml: [[facts]]
      key = \"american troops\"
      value = 5200
      source = \"Pentagon\"
    a.md: The United States keeps 5,000 American soldiers in the country.

reports `5,000` against the fact sheet's 5,200 (source: Pentagon), and offers to write 5,200.

## Example that stays silent

    facts.toml: [[facts]]
      spelling = \"Adel Abdul-Mahdi\"
      title = \"prime minister\"
    a.md: The caretaker prime minister, Adel Abdul-Mahdi, asked for a timetable.
",
};

impl Check for FactMismatch {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for &(s, f, c) in cx.fact_coverage() {
            let sheet = &cx.options.facts[s];
            let fact = &sheet.facts[f];
            let claim = &cx.claims[c];
            match &fact.expect {
                Expect::Value { value, low, high } => {
                    if let Some(q) = claim.quantity() {
                        check_value(cx, c, q, sheet, fact, (*value, *low, *high), out);
                    }
                }
                Expect::Spelling { text, title } => {
                    check_name(cx, c, claim, sheet, fact, text, title.as_deref(), out);
                }
            }
        }
    }
}

/// `facts.toml:4 gives 5,200 (source: Pentagon, 2020-01-15)`.
fn quote_fact(sheet: &FactSheet, fact: &Fact, what: &str) -> String {
    let mut s = format!(
        "{}:{} gives {what}{}",
        sheet.path,
        fact.line,
        fact.provenance()
    );
    if let Some(n) = &fact.note {
        s.push_str(&format!("; note: {n}"));
    }
    s
}

fn check_value(
    cx: &Context<'_>,
    c: usize,
    q: &Quantity,
    sheet: &FactSheet,
    fact: &Fact,
    (value, low, high): (f64, f64, f64),
    out: &mut Vec<Finding>,
) {
    if q.refers_to.is_some() {
        return;
    }
    let fact_iv = Interval { low, high };
    if Interval::of(q).overlaps(fact_iv) {
        return;
    }
    let stated = fmt_quantity(q);
    let expected = fmt_interval(fact_iv, &q.unit);
    let what = q
        .key
        .as_deref()
        .map(|k| format!("`{k}`"))
        .unwrap_or_else(|| "this figure".into());
    let fix = number_fix(cx, c, q, value);
    let mut help = quote_fact(sheet, fact, &expected);
    if let Some(f) = &fix {
        help.push_str(&format!("; fix: {}", f.message));
    }
    out.push(Finding {
        check: &INFO,
        severity: Severity::Error,
        message: format!("{what} is given as {stated}; the fact sheet gives {expected}"),
        labels: vec![cx.label(c, format!("{stated}, not {expected}"))],
        help: Some(help),
        fix,
    });
}

/// Write the fact's value in place of an exact figure written in digits (and only the
/// digits: a hedge, unit or magnitude word around them stays).
fn number_fix(cx: &Context<'_>, c: usize, q: &Quantity, value: f64) -> Option<Fix> {
    if !q.is_exact() || !value.is_finite() {
        return None;
    }
    let claim: &Claim = &cx.claims[c];
    let text = cx.text(claim.source_id(), &claim.figure.range());
    let start = text.find(|ch: char| ch.is_ascii_digit())?;
    let len = text[start..]
        .char_indices()
        .find(|&(i, ch)| {
            !(ch.is_ascii_digit()
                || ((ch == ',' || ch == '.')
                    && text[start + i + 1..].starts_with(|d: char| d.is_ascii_digit())))
        })
        .map_or(text.len() - start, |(i, _)| i);
    let digits = &text[start..start + len];
    let written: f64 = digits.replace(',', "").parse().ok()?;
    // A magnitude word or suffix scales the digits (`1.5 million`): leave those alone.
    if written != q.value {
        return None;
    }
    let replacement = if digits.contains(',') || value.abs() >= 10_000.0 {
        fmt_number(value)
    } else {
        fmt_number(value).replace(',', "")
    };
    let span_start = claim.figure.start() + start;
    let unit = match &q.unit {
        Unit::Count => String::new(),
        u => format!(" ({})", u.as_str()),
    };
    Some(Fix {
        message: format!("write {replacement}{unit}"),
        edits: vec![Edit {
            source: claim.source_id(),
            span: span_start..span_start + len,
            replacement,
        }],
    })
}

#[allow(clippy::too_many_arguments)]
fn check_name(
    cx: &Context<'_>,
    c: usize,
    claim: &Claim,
    sheet: &FactSheet,
    fact: &Fact,
    spelling: &str,
    title: Option<&str>,
    out: &mut Vec<Finding>,
) {
    let Some(n) = claim.name() else { return };
    if n.refers_to.is_some() {
        return;
    }
    let single = !n.text.contains(' ');
    let target = if single {
        spelling.rsplit(' ').next().unwrap_or(spelling)
    } else {
        spelling
    };
    if *n.text != *target {
        let fix = Fix {
            message: format!("write `{target}`"),
            edits: vec![Edit {
                source: claim.source_id(),
                span: claim.span.range(),
                replacement: target.to_string(),
            }],
        };
        out.push(Finding {
            check: &INFO,
            severity: Severity::Error,
            message: format!("`{}` is spelled `{spelling}` in the fact sheet", n.text),
            labels: vec![cx.label(c, format!("spelled `{}`", n.text))],
            help: Some(format!(
                "{}; fix: {}",
                quote_fact(sheet, fact, &format!("`{spelling}`")),
                fix.message
            )),
            fix: Some(fix),
        });
    }
    let names = &cx.rules.names;
    if let (Some(want), Some(t)) = (title, &n.title) {
        let (Some(a), Some(b)) = (names.title_meaning(want), names.title_meaning(&t.text)) else {
            return;
        };
        if crate::check::title_mismatch::compatible(&a, &b, names) {
            return;
        }
        out.push(Finding {
            check: &INFO,
            severity: Severity::Error,
            message: format!(
                "`{}` is called `{}`; the fact sheet gives `{want}`",
                n.text, t.text
            ),
            labels: vec![super::Label {
                source: claim.source_id(),
                span: t.span.range(),
                message: format!("title: `{}`", t.text),
            }],
            help: Some(quote_fact(sheet, fact, &format!("the title `{want}`"))),
            fix: None,
        });
    }
}

//! `weekday-mismatch`: a weekday stated with a date that falls on another day.

use jiff::civil::{Date, Weekday};

use super::{Check, CheckInfo, Context, Finding, Label, Severity};
use crate::extract::time::{RelativeKind, add_days, long_date, month_name, weekday_name};

pub struct WeekdayMismatch;

static INFO: CheckInfo = CheckInfo {
    code: "T001",
    name: "weekday-mismatch",
    group: "timeline",
    default_severity: Severity::Error,
    summary: "a weekday is stated with a date that falls on another day",
    doc: "\
Finds a weekday written next to a date that falls on another day of the week: `Saturday,
March 3, 2019` (March 3, 2019 was a Sunday). The help gives the date's real weekday and the
nearest date that has the weekday stated, so that either can be corrected.

A date written without its year (`Monday, Mar. 4`) is tried in the source's year and in the
years before and after it; it is reported only when none of them fits, and then as a
warning. With no year and no dated source, nothing is reported.

A relative weekday with a date (`this Thursday, March 12`, `last Friday, Jan. 10`) must also
be the day the relative word points at, counted from the source's date: `this` is the
source's week, `last` the two weeks before it, `next` the two weeks after it. A weekday alone
(`on Thursday`) is never reported: in a text dated a Wednesday it is the Thursday before, or
the one after, and both are fine.

## Example

    a.md: The vote was held on Saturday, March 3, 2019, after a long campaign.

reports that March 3, 2019 was a Sunday; Saturday was March 2, 2019.

## Example that stays silent

    a.md: date 2020-01-15
      The ministers met on Monday, Jan. 13, and again on Thursday.
",
};

impl Check for WeekdayMismatch {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, c) in cx.claims.iter().enumerate() {
            let Some(d) = c.date() else { continue };
            let (Some(stated), Some(month), Some(day)) = (d.weekday, d.month, d.day) else {
                continue;
            };
            if !d.day_stated
                && d.relative
                    .as_ref()
                    .is_none_or(|r| r.kind != RelativeKind::Offset)
            {
                // The day was resolved from the weekday itself.
                continue;
            }
            let source_date = cx.sources[c.source_id()].date;
            let offset = d
                .relative
                .as_ref()
                .filter(|r| r.kind == RelativeKind::Offset);
            let years: Vec<i16> = match (d.year, source_date) {
                (Some(y), _) if d.year_stated || offset.is_some() => vec![y],
                (_, Some(s)) => vec![s.year(), s.year() - 1, s.year() + 1],
                _ => continue,
            };
            let dates: Vec<Date> = years
                .iter()
                .filter_map(|&y| Date::new(y, month, day).ok())
                .collect();
            let Some(&first) = dates.first() else {
                continue;
            };
            let text = cx.sources[c.source_id()]
                .text()
                .get(c.span.range())
                .unwrap_or("")
                .trim();
            let fits: Vec<Date> = dates
                .iter()
                .copied()
                .filter(|x| x.weekday() == stated)
                .collect();
            if fits.is_empty() {
                let (message, help, severity) = if let Some(r) = offset {
                    (
                        format!(
                            "`{text}` names a {}, but {} is a {}",
                            weekday_name(stated),
                            r.phrase,
                            weekday_name(first.weekday())
                        ),
                        format!(
                            "the text is dated {}, so {} is {}; correct the weekday",
                            long_date(r.anchor),
                            r.phrase,
                            long_date(first)
                        ),
                        Severity::Error,
                    )
                } else if dates.len() == 1 {
                    (
                        format!(
                            "`{text}` names a {}, but {} is a {}",
                            weekday_name(stated),
                            plain(first),
                            weekday_name(first.weekday())
                        ),
                        format!(
                            "{} was a {}; the nearest {} is {}: correct the weekday or the date",
                            plain(first),
                            weekday_name(first.weekday()),
                            weekday_name(stated),
                            nearest(first, stated).map_or_else(String::new, plain)
                        ),
                        Severity::Error,
                    )
                } else {
                    let each: Vec<String> = dates
                        .iter()
                        .map(|x| format!("a {} in {}", weekday_name(x.weekday()), x.year()))
                        .collect();
                    (
                        format!(
                            "`{text}` names a {}, but {} {} is not a {} in any year near the text's date",
                            weekday_name(stated),
                            month_name(month).unwrap_or(""),
                            day,
                            weekday_name(stated)
                        ),
                        format!(
                            "the source is dated {}; {} {} is {}: correct the weekday or the date",
                            source_date.map_or_else(String::new, |s| s.to_string()),
                            month_name(month).unwrap_or(""),
                            day,
                            join(&each, "and")
                        ),
                        Severity::Warning,
                    )
                };
                out.push(Finding {
                    check: &INFO,
                    severity,
                    message,
                    labels: vec![label(cx, i, first, stated)],
                    help: Some(help),
                    fix: None,
                });
                continue;
            }
            // A relative weekday with a date: the date must be where the word points.
            let Some(r) = d.relative.as_ref().filter(|r| {
                matches!(
                    r.kind,
                    RelativeKind::Last | RelativeKind::This | RelativeKind::Next
                )
            }) else {
                continue;
            };
            if fits.iter().any(|x| r.first <= *x && *x <= r.last) {
                continue;
            }
            let meant = match r.kind {
                RelativeKind::This => "in the week of",
                RelativeKind::Last => "in the two weeks before",
                _ => "in the two weeks after",
            };
            let date = fits[0];
            out.push(Finding {
                check: &INFO,
                severity: Severity::Warning,
                message: format!(
                    "`{text}`: {} is not {} the text's date",
                    long_date(date),
                    meant
                ),
                labels: vec![cx.label(i, format!("{}: {}", r.phrase, plain(date)))],
                help: Some(format!(
                    "the text is dated {}; {} is {}, not {}: correct the date or the relative word",
                    long_date(r.anchor),
                    r.phrase,
                    candidates(r.first, r.last, stated),
                    plain(date)
                )),
                fix: None,
            });
        }
    }
}

fn label(cx: &Context<'_>, i: usize, date: Date, stated: Weekday) -> Label {
    cx.label(
        i,
        format!(
            "{}: a {}, not a {}",
            plain(date),
            weekday_name(date.weekday()),
            weekday_name(stated)
        ),
    )
}

/// `March 3, 2019`.
fn plain(d: Date) -> String {
    format!(
        "{} {}, {}",
        month_name(d.month()).unwrap_or(""),
        d.day(),
        d.year()
    )
}

/// The day with the weekday stated that is nearest to `d` (before it on a tie).
fn nearest(d: Date, wd: Weekday) -> Option<Date> {
    let back = i64::from(wd.until(d.weekday()));
    let fwd = i64::from(d.weekday().until(wd));
    if back <= fwd {
        add_days(d, -back)
    } else {
        add_days(d, fwd)
    }
}

/// The days with the weekday stated between `first` and `last`: `March 5, 2020`.
fn candidates(first: Date, last: Date, wd: Weekday) -> String {
    let mut out = Vec::new();
    let mut d = first;
    while d <= last && out.len() < 3 {
        if d.weekday() == wd {
            out.push(plain(d));
        }
        match add_days(d, 1) {
            Some(n) => d = n,
            None => break,
        }
    }
    join(&out, "or")
}

/// `a, b and c` (or `a or b`).
fn join(items: &[String], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

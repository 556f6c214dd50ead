//! `date-mismatch`: a date that contradicts the source's date, its own relative word, or
//! the date another source gives the same event.

use foldhash::{HashMap, HashMapExt};

use jiff::civil::Date;

use super::{Check, CheckInfo, Context, Finding, Severity};
use crate::extract::time::{RelativeKind, days_between, long_date};
use crate::extract::{DateClaim, DateRole};

pub struct DateMismatch;

static INFO: CheckInfo = CheckInfo {
    code: "T002",
    name: "date-mismatch",
    group: "timeline",
    default_severity: Severity::Error,
    summary: "a date contradicts the source's date or another date for the same event",
    doc: "\
Finds a date that cannot be right given the other dates around it:

- a publication date (`first published on January 13, 2021`) later than the source's own
  date, or a year off it (the same day and month give or take a week, one year apart: a year
  typed wrong, as often happens in January);
- a photo caption dated one year off the source's date in the same way (a caption marked as
  an archive picture, `File photo`, may have any date);
- within one text, with or without a source date: a sign-off (`Updated March 4, 2018`) or
  a caption a year off the text's own dateline (a full date in a heading, `# March 4,
  2019`, or opening its first lines after a place in capitals, `OTTAWA, March 4, 2019 —`);
  an update a few days after the dateline is not reported;
- a relative word and the date written with it that disagree (`yesterday, Jan. 12` in a text
  dated January 15);
- the same event (`the crash on January 8`, `the Jan. 9 crash`: the event nouns are in
  `rules/time.toml`) dated differently in two sources, relative dates resolved against each
  source's date.

A publication date a few days before the source's date, an old date in the body of a text,
and a date without its year are not reported.

## Example

    a.md: date 2020-01-15
      This report was first published on January 13, 2021.

reports that the text is dated January 15, 2020 and cannot have been published a year later.

    a.md: # Council votes on the budget, March 4, 2019
      The council met on Monday.
      Updated March 4, 2018.

reports that the sign-off is a year off the heading's date.

## Example that stays silent

    a.md: # March 4, 2019
      The council met on Monday.
      Updated March 6, 2019.

    a.md: date 2020-01-15
      File photo of soldiers in northern Iraq, Monday, February 20, 2017.

      This report was first published on January 13, 2020.
",
};

impl Check for DateMismatch {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut events: HashMap<&str, Vec<(usize, Date, Date)>> = HashMap::new();
        // Per source: its dateline (the date its heading or first line gives), and
        // whether a date has been seen yet.
        let mut dateline: Option<(usize, usize, Date)> = None;
        let mut seen_source: Option<usize> = None;
        for (i, c) in cx.claims.iter().enumerate() {
            let Some(d) = c.date() else { continue };
            if seen_source != Some(c.source_id()) {
                seen_source = Some(c.source_id());
                dateline = is_dateline(cx, i, d).map(|x| (c.source_id(), i, x));
            }
            let today = cx.sources[c.source_id()].date;
            if let (Some(e), Some(f), Some(l)) = (d.event(), d.first, d.last) {
                events.entry(e).or_default().push((i, f, l));
            }
            if let Some(today) = today
                && let Some(f) = against_source_date(cx, i, d, today)
            {
                out.push(f);
                continue;
            }
            if let Some((src, line, date)) = dateline
                && src == c.source_id()
                && line != i
                && today != Some(date)
                && let Some(f) = against_dateline(cx, i, d, line, date)
            {
                out.push(f);
                continue;
            }
            if let Some(f) = against_relative(cx, i, d) {
                out.push(f);
            }
        }
        // The same event in two sources: each source's dates for it must meet the others'.
        let mut keys: Vec<&&str> = events.keys().collect();
        keys.sort();
        for key in keys {
            let list = &events[*key];
            let Some(&(a, af, al)) = list.first() else {
                continue;
            };
            let Some(&(b, bf, bl)) = list.iter().find(|(j, f, l)| {
                cx.claims[*j].source != cx.claims[a].source && (*l < af || *f > al)
            }) else {
                continue;
            };
            // Each source must agree with itself first.
            let consistent = |src: usize, f0: Date, l0: Date| {
                list.iter()
                    .filter(|(j, ..)| cx.claims[*j].source_id() == src)
                    .all(|(_, f, l)| *f <= l0 && *l >= f0)
            };
            if !consistent(cx.claims[a].source_id(), af, al)
                || !consistent(cx.claims[b].source_id(), bf, bl)
            {
                continue;
            }
            let da = cx.claims[a].date().map(display).unwrap_or_default();
            let db = cx.claims[b].date().map(display).unwrap_or_default();
            let gap = days_between(al.min(bl), af.max(bf)).unwrap_or(0).abs();
            out.push(Finding {
                check: &INFO,
                severity: Severity::Error,
                message: format!("the {key} is dated {da} in one source and {db} in another"),
                labels: vec![
                    cx.label(a, format!("{key}: {da}")),
                    cx.label(b, format!("{key}: {db}")),
                ],
                help: Some(format!(
                    "{da} and {db} are {gap} day{} apart; check which date is right and use it in both",
                    if gap == 1 { "" } else { "s" }
                )),
                fix: None,
            });
        }
    }
}

/// A date with its resolution: `January 13, 2021`, `last Tuesday (January 7, 2020)`.
fn display(d: &DateClaim) -> String {
    match (&d.relative, d.date()) {
        (Some(r), Some(x)) if !d.day_stated => format!("{} ({})", r.phrase, long_date(x)),
        _ => d.display(),
    }
}

/// A publication or caption date that the source's date contradicts.
fn against_source_date(cx: &Context<'_>, i: usize, d: &DateClaim, today: Date) -> Option<Finding> {
    if !matches!(d.role, DateRole::Publication | DateRole::Caption) || !d.year_stated {
        return None;
    }
    let date = d.date()?;
    let later = days_between(today, date)?;
    // The same day and month a year off, give or take a week: a year typed wrong.
    let shifted = Date::new(today.year(), date.month(), date.day()).ok();
    let year_off = (i32::from(date.year()) - i32::from(today.year())).abs() == 1
        && shifted
            .and_then(|s| days_between(today, s))
            .is_some_and(|n| n.abs() <= 7);
    let what = if d.role == DateRole::Publication {
        "publication date"
    } else {
        "caption date"
    };
    let text = cx.sources[cx.claims[i].source_id()]
        .text()
        .get(cx.claims[i].span.range())
        .unwrap_or("")
        .trim();
    let (message, help, severity) = if d.role == DateRole::Publication && later > 0 {
        (
            format!("the {what} `{text}` is after the text's own date, {today}"),
            format!(
                "{} is {later} day{} after {}; correct the year or the date",
                long_date(date),
                if later == 1 { "" } else { "s" },
                long_date(today)
            ),
            Severity::Error,
        )
    } else if year_off {
        (
            format!("the {what} `{text}` is a year off the text's date, {today}"),
            format!(
                "{} - {} = 1 year between this date and the text's; the same day in {} is {}: correct the year",
                date.year().max(today.year()),
                date.year().min(today.year()),
                today.year(),
                shifted.map(long_date).unwrap_or_default()
            ),
            Severity::Warning,
        )
    } else {
        return None;
    };
    Some(Finding {
        check: &INFO,
        severity,
        message,
        labels: vec![cx.label(i, format!("{what}: {}", long_date(date)))],
        help: Some(help),
        fix: None,
    })
}

/// The date a text's heading or dateline gives: the first date of the source, written in
/// full (day, month and year), in its first two paragraphs, in a heading or at the start
/// of its line after a place in capitals (`# March 4, 2019`, `OTTAWA, March 4, 2019 —`),
/// and not a caption's.
fn is_dateline(cx: &Context<'_>, i: usize, d: &DateClaim) -> Option<Date> {
    let c = &cx.claims[i];
    let full = d.year_stated && d.day_stated && d.relative.is_none();
    let own = matches!(d.role, DateRole::Mention | DateRole::Publication);
    if !full || !own || c.paragraph > 1 {
        return None;
    }
    let text = cx.sources[c.source_id()].text();
    let line_start = text.get(..c.span.start())?.rfind('\n').map_or(0, |k| k + 1);
    let lead = text.get(line_start..c.span.start())?;
    // A heading line, or a dateline's place in capitals (`OTTAWA, `), or nothing.
    let heading = lead.trim_start().starts_with('#');
    let place = !lead.chars().any(char::is_lowercase);
    (lead.len() <= 80 && (heading || place) && !lead.contains(['.', '!', '?'])).then(|| d.date())?
}

/// A sign-off (`Updated March 4, 2018`) or a caption dated a year off the text's own
/// dateline (`# March 4, 2019`): a year typed wrong in one of them.
fn against_dateline(
    cx: &Context<'_>,
    i: usize,
    d: &DateClaim,
    line: usize,
    dateline: Date,
) -> Option<Finding> {
    if !matches!(d.role, DateRole::Publication | DateRole::Caption) || !d.year_stated {
        return None;
    }
    let date = d.date()?;
    let shifted = Date::new(dateline.year(), date.month(), date.day()).ok()?;
    let year_off = (i32::from(date.year()) - i32::from(dateline.year())).abs() == 1
        && days_between(dateline, shifted).is_some_and(|n| n.abs() <= 7);
    if !year_off {
        return None;
    }
    let what = if d.role == DateRole::Publication {
        "publication date"
    } else {
        "caption date"
    };
    let text = cx
        .text(cx.claims[i].source_id(), &cx.claims[i].span.range())
        .trim();
    Some(Finding {
        check: &INFO,
        severity: Severity::Warning,
        message: format!(
            "the {what} `{text}` is a year off the text's dateline, {}",
            long_date(dateline)
        ),
        labels: vec![
            cx.label(line, format!("dateline: {}", long_date(dateline))),
            cx.label(i, format!("{what}: {}", long_date(date))),
        ],
        help: Some(format!(
            "{} - {} = 1 year between the dateline and this date; the same day in {} is {}: correct the year in one of them",
            date.year().max(dateline.year()),
            date.year().min(dateline.year()),
            dateline.year(),
            long_date(shifted)
        )),
        fix: None,
    })
}

/// `yesterday, Jan. 12` in a text dated January 15: the relative word and the date disagree.
fn against_relative(cx: &Context<'_>, i: usize, d: &DateClaim) -> Option<Finding> {
    let r = d
        .relative
        .as_ref()
        .filter(|r| r.kind == RelativeKind::Offset)?;
    if !d.day_stated {
        return None;
    }
    let (month, day) = (d.month?, d.day?);
    let years: Vec<i16> = match d.year {
        Some(y) if d.year_stated => vec![y],
        _ => vec![r.anchor.year(), r.anchor.year() - 1, r.anchor.year() + 1],
    };
    let dates: Vec<Date> = years
        .iter()
        .filter_map(|&y| Date::new(y, month, day).ok())
        .collect();
    if dates.iter().any(|x| r.first <= *x && *x <= r.last) {
        return None;
    }
    let written = *dates.first()?;
    let nearest = dates
        .iter()
        .copied()
        .min_by_key(|x| days_between(r.first, *x).map_or(i64::MAX, i64::abs))?;
    let _ = written;
    let gap = days_between(r.first, nearest)?;
    Some(Finding {
        check: &INFO,
        severity: Severity::Error,
        message: format!(
            "`{}` is {}, not {}",
            r.phrase,
            long_date(r.first),
            long_date(nearest)
        ),
        labels: vec![cx.label(i, format!("{}: {}", r.phrase, long_date(nearest)))],
        help: Some(format!(
            "the text is dated {}, so {} is {}; {} is {} day{} off: correct the date or the word",
            long_date(r.anchor),
            r.phrase,
            long_date(r.first),
            long_date(nearest),
            gap.abs(),
            if gap.abs() == 1 { "" } else { "s" }
        )),
        fix: None,
    })
}

//! The JSON report (schema version 1, documented in the README) and the claims listing.

use schemars::JsonSchema;
use serde::Serialize;

use super::Counts;
use crate::Analysis;
use crate::check::Severity;
use crate::extract::{
    ChangeBy, ClaimKind, ClaimRef, DateRole, Direction, DurationForm, EntityKind, Frame, Qualifier,
    ShareOf, Unit,
};
use crate::source::Source;

/// The schema version; bumped on any change that is not an addition.
pub const VERSION: u32 = 1;

/// A source that was read.
#[derive(Serialize, JsonSchema)]
pub struct JsonSource<'a> {
    pub path: &'a str,
    pub date: Option<String>,
}

/// A place in a source a finding points at.
#[derive(Serialize, JsonSchema)]
pub struct JsonLabel<'a> {
    pub path: &'a str,
    /// Byte offsets into the file as read.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (in characters) of `start`.
    pub line: usize,
    pub column: usize,
    /// 1-based line and column (in characters) of `end`.
    pub end_line: usize,
    pub end_column: usize,
    pub text: &'a str,
    pub message: &'a str,
}

/// One problem found.
#[derive(Serialize, JsonSchema)]
pub struct JsonFinding<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub labels: Vec<JsonLabel<'a>>,
    /// Present when the finding has a single right answer (`--fix` applies it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix<'a>>,
}

#[derive(Serialize, JsonSchema)]
pub struct JsonFix<'a> {
    pub message: &'a str,
    pub edits: Vec<JsonEdit<'a>>,
}

/// Replace the bytes `start..end` of the file at `path` with `replacement`.
#[derive(Serialize, JsonSchema)]
pub struct JsonEdit<'a> {
    pub path: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: &'a str,
    pub replacement: &'a str,
}

/// Counts of the run.
#[derive(Serialize, JsonSchema)]
pub struct JsonSummary {
    /// The sources checked (a baseline listed in `sources` to point at its stale entries
    /// is not counted).
    pub sources: usize,
    pub claims: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// The report of `crosscheck check --format json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "crosscheck report")]
pub struct JsonReport<'a> {
    pub version: u32,
    pub sources: Vec<JsonSource<'a>>,
    pub findings: Vec<JsonFinding<'a>>,
    pub summary: JsonSummary,
}

fn sources(a: &Analysis) -> Vec<JsonSource<'_>> {
    a.sources
        .iter()
        .map(|s| JsonSource {
            path: &s.path,
            date: s.date.map(|d| d.to_string()),
        })
        .collect()
}

/// Position fields of a span: (line, column, end line, end column).
fn position(s: &Source, start: usize, end: usize) -> (usize, usize, usize, usize) {
    let (line, column) = s.line_col(start);
    let (end_line, end_column) = s.line_col(end);
    (line, column, end_line, end_column)
}

/// The report as a JSON value.
pub fn report(a: &Analysis) -> JsonReport<'_> {
    let c = Counts::of(a);
    JsonReport {
        version: VERSION,
        sources: sources(a),
        findings: a
            .findings
            .iter()
            .map(|f| JsonFinding {
                code: f.check.code,
                name: f.check.name,
                severity: f.severity,
                message: &f.message,
                help: f.help.as_deref(),
                labels: f
                    .labels
                    .iter()
                    .map(|l| {
                        let s = &a.sources[l.source];
                        let (line, column, end_line, end_column) =
                            position(s, l.span.start, l.span.end);
                        JsonLabel {
                            path: &s.path,
                            start: l.span.start,
                            end: l.span.end,
                            line,
                            column,
                            end_line,
                            end_column,
                            text: s.text().get(l.span.clone()).unwrap_or(""),
                            message: &l.message,
                        }
                    })
                    .collect(),
                fix: f.fix.as_ref().map(|fix| JsonFix {
                    message: &fix.message,
                    edits: fix
                        .edits
                        .iter()
                        .filter_map(|e| {
                            let s = a.sources.get(e.source)?;
                            let (line, column) = s.line_col(e.span.start);
                            Some(JsonEdit {
                                path: &s.path,
                                start: e.span.start,
                                end: e.span.end,
                                line,
                                column,
                                text: s.text().get(e.span.clone()).unwrap_or(""),
                                replacement: &e.replacement,
                            })
                        })
                        .collect(),
                }),
            })
            .collect(),
        summary: JsonSummary {
            sources: super::checked_sources(a),
            claims: a.claim_count(),
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
        },
    }
}

/// The report as pretty-printed JSON, with a final newline.
pub fn render(a: &Analysis) -> String {
    let mut s = serde_json::to_string_pretty(&report(a))
        .unwrap_or_else(|e| format!("{{\"version\": {VERSION}, \"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The JSON Schema of the report, pretty-printed, with a final newline (committed as
/// `schema/report.schema.json`).
pub fn schema() -> String {
    let mut s = serde_json::to_string_pretty(&schemars::schema_for!(JsonReport<'static>))
        .unwrap_or_default();
    s.push('\n');
    s
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    path: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: &'a str,
    /// `quantity`, `name` or `quote`; the fields that follow depend on it.
    kind: &'static str,
    #[serde(flatten)]
    detail: JsonClaimDetail<'a>,
    sentence: &'a str,
    /// 0-based index of the paragraph in its source.
    paragraph: usize,
    /// For a quantity only.
    #[serde(flatten)]
    measure: Option<JsonMeasure<'a>>,
}

#[derive(Serialize)]
struct JsonMeasure<'a> {
    /// For a measure or a share: the figure and unit as written (`25`, `mile`), before
    /// conversion to the base unit that `value` is in.
    stated_value: Option<f64>,
    stated_unit: Option<&'a str>,
    /// A bracketed restatement (`(25 miles)`), part of the same claim.
    restated: Option<JsonRestated<'a>>,
}

#[derive(Serialize)]
struct JsonRestated<'a> {
    text: &'a str,
    value: f64,
    unit: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonClaimDetail<'a> {
    Quantity {
        value: f64,
        low: f64,
        /// `null` when the claim has no upper bound (`more than 200,000`).
        high: Option<f64>,
        qualifier: Qualifier,
        hedge: Option<&'a str>,
        unit: &'a Unit,
        subject: Option<&'a str>,
        key: Option<&'a str>,
        /// For change language, `up` or `down`.
        direction: Option<Direction>,
        /// The frame (an index into `frames`) the claim belongs to.
        frame: Option<u32>,
        /// The claim (an index into `claims`) this one counts part of.
        part_of: Option<usize>,
    },
    Name {
        name: &'a str,
        /// `person`, `organisation`, `place` or `unknown`.
        entity: EntityKind,
        title: Option<&'a str>,
        /// For a short reference, the full name it stands for.
        refers_to: Option<&'a str>,
    },
    Quote {
        quote: &'a str,
        /// The speaker as written (a name or a pronoun), and the full name it resolves to.
        speaker: Option<&'a str>,
        speaker_name: Option<&'a str>,
    },
    Date {
        /// ISO 8601, as precise as the text: `2019-03-04`, `2019-03`, `2011-spring`,
        /// `2019`, `--03-04` (no year).
        value: String,
        /// The first and last day the date covers, when its year is known.
        low: Option<String>,
        high: Option<String>,
        /// The weekday the text states.
        weekday: Option<&'static str>,
        year_stated: bool,
        /// For a relative date: the expression and the source date it counts from.
        relative: Option<&'a str>,
        anchor: Option<String>,
        role: DateRole,
        event: Option<&'a str>,
    },
    Duration {
        value: f64,
        low: f64,
        high: Option<f64>,
        qualifier: Qualifier,
        hedge: Option<&'a str>,
        unit: &'static str,
        form: DurationForm,
        /// For `since`: the date it counts from; the date it counts to.
        since: Option<String>,
        until: Option<String>,
        subject: Option<&'a str>,
    },
}

#[derive(Serialize)]
struct JsonSetAside<'a> {
    path: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: &'a str,
    reason: &'static str,
}

#[derive(Serialize)]
#[serde(bound(serialize = "Lazy<C>: Serialize, Lazy<F>: Serialize, Lazy<X>: Serialize"))]
struct JsonClaims<'a, C, F, X> {
    version: u32,
    sources: Vec<JsonSource<'a>>,
    claims: Lazy<C>,
    /// Relations among the claims; claim fields are indices into `claims`.
    frames: Lazy<F>,
    set_aside: Lazy<X>,
}

/// A JSON array made one item at a time as it is written, so that a listing of millions
/// of claims is never held whole. The closure makes the items afresh each time.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// A frame as JSON: its kind and the claims it ties together.
fn frame_json(a: &Analysis, f: &Frame) -> serde_json::Value {
    use serde_json::json;
    match f {
        Frame::List(l) => json!({
            "kind": "list",
            "items": l.items,
            "total": l.total,
            "partial": l.partial,
        }),
        Frame::Share(s) => {
            let (percent, fraction, text) = match &s.share {
                ShareOf::Percent(p) => (Some(*p), None, None),
                ShareOf::Fraction { value, span, .. } => {
                    let src = a.claims.get(s.whole).map(|c| &a.sources[c.source_id()]);
                    (
                        None,
                        Some(*value),
                        src.and_then(|src| src.text().get(span.range())),
                    )
                }
            };
            json!({
                "kind": "share",
                "part": s.part,
                "whole": s.whole,
                "percent": percent,
                "fraction": fraction,
                "fraction_text": text,
            })
        }
        Frame::Change(c) => json!({
            "kind": "change",
            "direction": c.direction,
            "from": c.from,
            "to": c.to,
            "amount": c.amount,
            "by": match c.by {
                ChangeBy::Percent => "percent",
                ChangeBy::Points => "points",
                ChangeBy::Amount => "amount",
            },
        }),
        Frame::Multiple(m) => json!({
            "kind": "multiple",
            "factor": m.factor,
            "hedge": m.hedge,
            "base": m.base,
            "result": m.result,
        }),
    }
}

/// Every claim (and every figure set aside), as JSON, written as it is made: the listing
/// of a large corpus is many times the corpus's size, and is never held whole.
pub fn write_claims(a: &Analysis, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let doc = JsonClaims {
        version: VERSION,
        sources: sources(a),
        claims: Lazy(|| a.claims.iter().map(|c| claim_json(a, c))),
        frames: Lazy(|| a.frames.iter().map(|f| frame_json(a, f))),
        set_aside: Lazy(|| a.set_aside.iter().map(|x| set_aside_json(a, x))),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

fn set_aside_json<'a>(a: &'a Analysis, x: &'a crate::extract::SetAside) -> JsonSetAside<'a> {
    let s = &a.sources[x.source];
    let (line, column) = s.line_col(x.span.start);
    JsonSetAside {
        path: &s.path,
        start: x.span.start,
        end: x.span.end,
        line,
        column,
        text: s.text().get(x.span.clone()).unwrap_or(""),
        reason: x.reason.as_str(),
    }
}

fn claim_json<'a>(a: &'a Analysis, c: &'a crate::extract::Claim) -> JsonClaim<'a> {
    let s = &a.sources[c.source_id()];
    let (line, column) = s.line_col(c.span.start());
    let detail = match &c.kind {
        ClaimKind::Quantity(q) => JsonClaimDetail::Quantity {
            value: q.value,
            low: q.low,
            high: q.high.is_finite().then_some(q.high),
            qualifier: q.qualifier,
            hedge: q.hedge.as_deref(),
            unit: &q.unit,
            subject: q.subject.as_ref().map(|s| &*s.text),
            key: q.key.as_deref(),
            direction: q.direction,
            frame: q.frame,
            part_of: q.part_of.map(ClaimRef::index),
        },
        ClaimKind::Name(n) => JsonClaimDetail::Name {
            name: &n.text,
            entity: n.kind,
            title: n.title.as_ref().map(|t| &*t.text),
            refers_to: n
                .refers_to
                .and_then(|r| a.claims.get(r.index()))
                .and_then(|c| c.name())
                .map(|n| &*n.text),
        },
        ClaimKind::Date(d) => JsonClaimDetail::Date {
            value: d.iso(),
            low: d.first.map(|x| x.to_string()),
            high: d.last.map(|x| x.to_string()),
            weekday: d.weekday.map(crate::extract::time::weekday_name),
            year_stated: d.year_stated,
            relative: d.relative.as_ref().map(|r| &*r.phrase),
            anchor: d.relative.as_ref().map(|r| r.anchor.to_string()),
            role: d.role,
            event: d.event(),
        },
        ClaimKind::Duration(d) => JsonClaimDetail::Duration {
            value: d.value,
            low: d.low,
            high: d.high.is_finite().then_some(d.high),
            qualifier: d.qualifier,
            hedge: d.hedge.as_deref(),
            unit: d.unit.as_str(),
            form: d.form,
            since: d.since.as_ref().map(|s| s.iso()),
            until: d.until.map(|x| x.to_string()),
            subject: d.subject.as_deref(),
        },
        ClaimKind::Quote(q) => JsonClaimDetail::Quote {
            quote: &q.text,
            speaker: q.speaker.as_deref(),
            speaker_name: q
                .speaker_claim
                .and_then(|i| crate::entities::full_name(&a.claims, i.index())),
        },
    };
    JsonClaim {
        path: &s.path,
        start: c.span.start(),
        end: c.span.end(),
        line,
        column,
        text: s.text().get(c.span.range()).unwrap_or(""),
        kind: c.kind_str(),
        detail,
        sentence: s.text().get(c.sentence.range()).unwrap_or(""),
        paragraph: c.paragraph(),
        measure: c.quantity().map(|q| JsonMeasure {
            stated_value: q.stated_value(),
            stated_unit: q.stated_unit(),
            restated: q.restated().map(|r| JsonRestated {
                text: s.text().get(r.span.clone()).unwrap_or(""),
                value: r.value,
                unit: &r.unit,
            }),
        }),
    }
}

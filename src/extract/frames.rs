//! Frames: the relations a text states among its own figures, found after extraction in
//! one pass over each source's claims (in order, looking only at neighbours in the same
//! sentence or the sentence next to it).
//!
//! - a **list** of counts that share one frame (`41 Britons, 12 Germans and three Danes`),
//!   with the total it belongs to when one is stated (`the 57 victims were ...`,
//!   `... All 160 people aboard`), and whether the list says it is partial (`including`);
//! - a **part-of** link (`12 of the 40`), kept on the part as `part_of`;
//! - a **share**: a percentage or a fraction stated with its counts (`12 of 40, or 30%`;
//!   `30 seats, a third of the 90`);
//! - a **change**: its direction, endpoints (`from 120 to 150`) and stated amount, in percent,
//!   in percentage points or in the figures' own unit;
//! - a **multiple**: a factor between two figures (`tripled from 100 to 300`,
//!   `30 boys, twice as many as the 15 girls`).
//!
//! The words are data (`[frames]` in the rule packs); this file holds the mechanism.

use std::ops::Range;

use super::Span;
use super::scan::{Kind, Text, Tok, is_letter};
use super::{Claim, ClaimKind, ClaimRef, Direction, Extraction, Quantity, Unit};
use crate::rules::{FrameVocab, Phrases, Rules};
use crate::source::Source;

/// The most tokens looked at between two figures of one frame.
const MAX_GAP: usize = 10;

/// A relation among the claims of one source.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    List(ListFrame),
    Share(ShareFrame),
    Change(ChangeFrame),
    Multiple(MultipleFrame),
}

/// A list of counts and the total it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct ListFrame {
    /// The items, in text order (claim indices).
    pub items: Vec<usize>,
    /// The stated total, in the same or an adjacent sentence.
    pub total: Option<usize>,
    /// The list says it names only some parts (`including`, `such as`, `at least`).
    pub partial: bool,
}

/// What a share is stated as.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareOf {
    /// A percentage claim.
    Percent(usize),
    /// A fraction in words (`a third`), its value and where it is written, with the hedge
    /// before it if any (`nearly`).
    Fraction {
        value: f64,
        span: Span,
        hedge: Option<Box<str>>,
    },
}

/// A part, its whole, and the share of the whole the text says the part is.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareFrame {
    pub part: usize,
    pub whole: usize,
    pub share: ShareOf,
}

/// What a stated change amount is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeBy {
    /// A relative change (`an increase of 30%`).
    Percent,
    /// A difference of percentages (`down 3 points`).
    Points,
    /// A difference in the figures' own unit (`up 30`).
    Amount,
}

/// A change: a direction, its endpoints and the amount stated.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeFrame {
    pub direction: Option<Direction>,
    /// Where the direction word is written.
    pub verb: Option<Span>,
    pub from: Option<usize>,
    pub to: Option<usize>,
    pub amount: Option<usize>,
    pub by: ChangeBy,
    /// The starting point is not written with the change but earlier (`from 44%` before
    /// it in the sentence, or the same figure's value in the sentence before:
    /// `Turnout was 44% in 2015. ... turnout was down 3 points to 41%`).
    pub from_apart: bool,
}

/// A factor between two figures: `result = base × factor`.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipleFrame {
    pub factor: f64,
    /// Where the factor is written (`tripled`, `twice as many`).
    pub cue: Span,
    /// A hedge on the factor (`more than doubled`, `nearly tripled`), lowercase.
    pub hedge: Option<Box<str>>,
    /// `N times more`: read as N times, or N times more than (N + 1 times); both fit.
    pub times_more: bool,
    pub base: usize,
    pub result: usize,
    /// The base is not written with the multiple but before it (`Exports were 100 tonnes.
    /// ... exports tripled to 300 tonnes`).
    pub base_apart: bool,
}

impl Frame {
    /// Every claim the frame names, for renumbering.
    pub fn claims_mut(&mut self) -> Vec<&mut usize> {
        match self {
            Frame::List(l) => l.items.iter_mut().chain(l.total.as_mut()).collect(),
            Frame::Share(s) => {
                let mut v = vec![&mut s.part, &mut s.whole];
                if let ShareOf::Percent(p) = &mut s.share {
                    v.push(p);
                }
                v
            }
            Frame::Change(c) => [c.from.as_mut(), c.to.as_mut(), c.amount.as_mut()]
                .into_iter()
                .flatten()
                .collect(),
            Frame::Multiple(m) => vec![&mut m.base, &mut m.result],
        }
    }

    /// The kind as a word, for reports.
    pub fn kind_str(&self) -> &'static str {
        match self {
            Frame::List(_) => "list",
            Frame::Share(_) => "share",
            Frame::Change(_) => "change",
            Frame::Multiple(_) => "multiple",
        }
    }
}

/// Lowercased words (and punctuation, as one-character strings) of a stretch of text,
/// kept joined by single spaces in one buffer, so that any run of them is a phrase to look
/// up without allocating. A view of a run of tokens in a `WordBuf`.
#[derive(Clone, Copy)]
struct Words<'a> {
    toks: &'a [Tok],
    /// Where each token is in `text`.
    spans: &'a [(usize, usize)],
    text: &'a str,
}

/// The storage behind `Words`. `Windows` keeps every window of a source in one buffer, so
/// that reading them allocates a few times per source, not three times per window.
#[derive(Default)]
struct WordBuf {
    toks: Vec<Tok>,
    text: String,
    spans: Vec<(usize, usize)>,
}

/// No words.
const EMPTY_WORDS: Words<'static> = Words {
    toks: &[],
    spans: &[],
    text: "",
};

impl WordBuf {
    /// Room for about `n` tokens.
    fn with_capacity(n: usize) -> WordBuf {
        WordBuf {
            toks: Vec::with_capacity(n),
            text: String::with_capacity(n * 6),
            spans: Vec::with_capacity(n),
        }
    }

    fn push(&mut self, t: &Text<'_>, tok: Tok) {
        self.push_text(t, tok);
        self.toks.push(tok);
    }

    /// Push the token's text (lowercased if a word) and its span, not the token.
    fn push_text(&mut self, t: &Text<'_>, tok: Tok) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        let start = self.text.len();
        match tok.kind {
            Kind::Word => {
                let w = t.slice(tok.start, tok.end);
                if w.is_ascii() {
                    self.text.push_str(w);
                    self.text[start..].make_ascii_lowercase();
                } else {
                    self.lower_push(w);
                }
            }
            _ => self.text.push_str(t.slice(tok.start, tok.end)),
        }
        self.spans.push((start, self.text.len()));
    }

    /// Push a word lowercased, with a curly apostrophe straightened.
    fn lower_push(&mut self, w: &str) {
        for c in w.chars() {
            if c == '’' {
                self.text.push('\'');
            } else {
                self.text.extend(c.to_lowercase());
            }
        }
    }

    /// Drop the tokens from `first` on.
    fn truncate(&mut self, first: usize) {
        let end = first.checked_sub(1).map_or(0, |k| self.spans[k].1);
        self.text.truncate(end);
        self.toks.truncate(first);
        self.spans.truncate(first);
    }

    /// Tokens `range` of the buffer.
    fn words(&self, range: Range<usize>) -> Words<'_> {
        Words {
            toks: &self.toks[range.clone()],
            spans: &self.spans[range],
            text: &self.text,
        }
    }

    /// Every token of the buffer.
    fn all(&self) -> Words<'_> {
        self.words(0..self.toks.len())
    }

    /// Push the tokens in `a..b`, at most `max`; `None`, with nothing pushed, when there
    /// are more or a paragraph ends.
    fn push_between(
        &mut self,
        t: &Text<'_>,
        a: usize,
        b: usize,
        max: usize,
    ) -> Option<Range<usize>> {
        let first = self.toks.len();
        let mut pos = a;
        loop {
            let tok = t.next(pos);
            if tok.start >= b {
                break;
            }
            if tok.kind == Kind::End || self.toks.len() - first == max || tok.end <= pos {
                self.truncate(first);
                return None;
            }
            self.push(t, tok);
            pos = tok.end;
        }
        Some(first..self.toks.len())
    }

    /// Push up to `n` tokens just before `pos`, not before `floor`, in text order.
    fn push_before(&mut self, t: &Text<'_>, pos: usize, floor: usize, n: usize) -> Range<usize> {
        let first = self.toks.len();
        let mut p = pos;
        while self.toks.len() - first < n {
            let tok = t.prev(p);
            if tok.kind == Kind::End || tok.start < floor || tok.end > p {
                break;
            }
            self.toks.push(tok);
            p = tok.start;
        }
        // Found last to first: put them in text order before reading their text.
        self.toks[first..].reverse();
        for k in first..self.toks.len() {
            let tok = self.toks[k];
            self.push_text(t, tok);
        }
        first..self.toks.len()
    }

    /// Push up to `n` tokens just after `pos`, not past `ceil`.
    fn push_after(&mut self, t: &Text<'_>, pos: usize, ceil: usize, n: usize) -> Range<usize> {
        let first = self.toks.len();
        let mut p = pos;
        while self.toks.len() - first < n {
            let tok = t.next(p);
            if tok.kind == Kind::End || tok.start >= ceil || tok.end <= p {
                break;
            }
            self.push(t, tok);
            p = tok.end;
        }
        first..self.toks.len()
    }

    /// `push_after(t, pos, ceil, n)` and, with `gap_end`, `push_between(t, pos, gap_end,
    /// max)`, in one walk: both read the same tokens from `pos` on, so the window after a
    /// claim is the start of the gap to the next one, and its tokens are read once.
    fn push_after_and_between(
        &mut self,
        t: &Text<'_>,
        pos: usize,
        ceil: usize,
        n: usize,
        gap_end: Option<usize>,
        max: usize,
    ) -> (Range<usize>, Option<Range<usize>>) {
        let first = self.toks.len();
        let mut p = pos;
        // Each walk's length once it has stopped; a gap that fails stops as `Some(None)`.
        let mut after: Option<usize> = None;
        let mut gap: Option<Option<usize>> = gap_end.is_none().then_some(None);
        loop {
            let k = self.toks.len() - first;
            if after.is_none() && k == n {
                after = Some(k);
            }
            if after.is_some() && gap.is_some() {
                break;
            }
            let tok = t.next(p);
            if after.is_none() && (tok.kind == Kind::End || tok.start >= ceil || tok.end <= p) {
                after = Some(k);
            }
            if let (None, Some(b)) = (gap, gap_end) {
                if tok.start >= b {
                    gap = Some(Some(k));
                } else if tok.kind == Kind::End || k == max || tok.end <= p {
                    gap = Some(None);
                }
            }
            if after.is_some() && gap.is_some() {
                break;
            }
            self.push(t, tok);
            p = tok.end;
        }
        let after = after.unwrap_or(0);
        let gap = gap.flatten();
        // A gap that failed may have read past what the window after needs.
        self.truncate(first + after.max(gap.unwrap_or(0)));
        (first..first + after, gap.map(|g| first..first + g))
    }

    /// The tokens in `a..b`, at most `max`; `None` when there are more or a paragraph ends.
    fn between(t: &Text<'_>, a: usize, b: usize, max: usize) -> Option<WordBuf> {
        let mut w = WordBuf::with_capacity(max.min(16));
        w.push_between(t, a, b, max)?;
        Some(w)
    }

    /// Up to `n` tokens just before `pos`, not before `floor`, in text order.
    fn before(t: &Text<'_>, pos: usize, floor: usize, n: usize) -> WordBuf {
        let mut w = WordBuf::with_capacity(n);
        w.push_before(t, pos, floor, n);
        w
    }

    /// Up to `n` tokens just after `pos`, not past `ceil`.
    fn after(t: &Text<'_>, pos: usize, ceil: usize, n: usize) -> WordBuf {
        let mut w = WordBuf::with_capacity(n);
        w.push_after(t, pos, ceil, n);
        w
    }
}

impl<'a> Words<'a> {
    fn len(&self) -> usize {
        self.toks.len()
    }

    /// Token `k`, lowercased.
    fn w(&self, k: usize) -> &'a str {
        self.spans.get(k).map_or("", |&(a, b)| &self.text[a..b])
    }

    fn get(&self, k: usize) -> Option<&'a str> {
        (k < self.len()).then(|| self.w(k))
    }

    fn last(&self) -> Option<&'a str> {
        self.len().checked_sub(1).map(|k| self.w(k))
    }

    fn iter(self) -> impl Iterator<Item = &'a str> {
        (0..self.len()).map(move |k| self.w(k))
    }

    /// Tokens `range`, as one phrase.
    fn phrase(&self, range: Range<usize>) -> &'a str {
        if range.is_empty() || range.end > self.len() {
            return "";
        }
        &self.text[self.spans[range.start].0..self.spans[range.end - 1].1]
    }

    /// The longest phrase of `set` ending at token `end` (exclusive): its token count.
    fn ends_with_at(&self, end: usize, set: &Phrases) -> Option<usize> {
        if end == 0 || !set.last_words.contains(self.w(end - 1)) {
            return None;
        }
        (1..=set.max_words.min(end))
            .rev()
            .find(|&n| set.contains(self.phrase(end - n..end)))
    }

    fn ends_with(&self, set: &Phrases) -> Option<usize> {
        self.ends_with_at(self.len(), set)
    }

    /// The longest phrase of `set` starting at token `start`: its token count.
    fn starts_with_at(&self, start: usize, set: &Phrases) -> Option<usize> {
        if start >= self.len() || !set.first_words.contains(self.w(start)) {
            return None;
        }
        let room = self.len().saturating_sub(start);
        (1..=set.max_words.min(room))
            .rev()
            .find(|&n| set.contains(self.phrase(start..start + n)))
    }

    fn all_in(&self, allowed: &[&str]) -> bool {
        self.iter().all(|w| allowed.contains(&w))
    }
}

/// The words around each claim, read once: the tokens before it in its sentence and the
/// gap to the next claim when it is in the same sentence. Every window is a run of tokens
/// in one buffer.
struct Windows {
    buf: WordBuf,
    before: Vec<Range<usize>>,
    /// The tokens after the claim's span.
    after: Vec<Range<usize>>,
    /// Whether the span ends with the figure (no subject after it), so that `after` is also
    /// what follows the figure.
    bare: Vec<bool>,
    gap: Vec<Option<Range<usize>>>,
}

/// How many tokens before a claim the frame pass looks at.
const BEFORE: usize = 6;

// `multiples` reads the last token of a window as the token right before the claim.
const _: () = assert!(BEFORE >= 1);

/// How many tokens after a claim the frame pass looks at.
const AFTER: usize = 3;

impl Windows {
    fn new(t: &Text<'_>, claims: &[Claim]) -> Windows {
        // Room for the windows of a typical source, so the buffer grows a few times at most.
        let mut buf = WordBuf::with_capacity(claims.len() * (BEFORE + AFTER + 4));
        let before = claims
            .iter()
            .map(|c| buf.push_before(t, c.span.start(), c.sentence.start(), BEFORE))
            .collect();
        let mut after = Vec::with_capacity(claims.len());
        let mut gap = Vec::with_capacity(claims.len().saturating_sub(1));
        for (i, c) in claims.iter().enumerate() {
            let next = claims.get(i + 1);
            let gap_end = next
                .filter(|d| d.sentence == c.sentence)
                .map(|d| d.span.start());
            let (a, g) = buf.push_after_and_between(
                t,
                c.span.end(),
                c.sentence.end(),
                AFTER,
                gap_end,
                MAX_GAP,
            );
            after.push(a);
            if next.is_some() {
                gap.push(g);
            }
        }
        let bare = claims
            .iter()
            .map(|c| c.span.end() == c.figure.end())
            .collect();
        Windows {
            buf,
            before,
            after,
            bare,
            gap,
        }
    }

    fn after(&self, i: usize) -> Words<'_> {
        self.after
            .get(i)
            .map_or(EMPTY_WORDS, |r| self.buf.words(r.clone()))
    }

    /// The tokens right after claim `i`'s figure, when nothing of the claim follows it.
    fn after_figure(&self, i: usize) -> Option<Words<'_>> {
        self.bare
            .get(i)
            .copied()
            .unwrap_or(false)
            .then(|| self.after(i))
    }

    /// The tokens between claim `i` and the next, if there are at most `max`.
    fn gap(&self, i: usize, max: usize) -> Option<Words<'_>> {
        self.gap
            .get(i)
            .and_then(Option::as_ref)
            .filter(|g| g.len() <= max)
            .map(|g| self.buf.words(g.clone()))
    }

    fn before(&self, i: usize) -> Words<'_> {
        self.before
            .get(i)
            .map_or(EMPTY_WORDS, |r| self.buf.words(r.clone()))
    }
}

/// The frame pass sees quantities only (`link` sets the other claims aside first).
fn quantity(c: &Claim) -> &Quantity {
    static NONE: std::sync::LazyLock<Quantity> = std::sync::LazyLock::new(Quantity::default);
    c.quantity().unwrap_or(&NONE)
}

fn quantity_mut(c: &mut Claim) -> &mut Quantity {
    if c.quantity().is_none() {
        c.kind = ClaimKind::Quantity(Box::default());
    }
    match &mut c.kind {
        ClaimKind::Quantity(q) => q,
        #[allow(unreachable_patterns)]
        _ => unreachable!("made a quantity just above"),
    }
}

/// Whether a claim's subject is a count of percentage points (`3 points`).
fn is_points(c: &Claim, fv: &FrameVocab) -> bool {
    let q = quantity(c);
    if q.unit.as_str().contains("point") {
        return true;
    }
    q.subject
        .as_ref()
        .is_some_and(|s| fv.points.contains(&crate::rules::normalize_phrase(&s.text)))
}

/// Whether the sentence of `b` is `a`'s or the one right after or before it, in the same
/// or the next paragraph.
fn adjacent_sentences(t: &Text<'_>, a: &Claim, b: &Claim) -> bool {
    if a.sentence == b.sentence {
        return true;
    }
    let (first, second) = if a.sentence.start() <= b.sentence.start() {
        (a, b)
    } else {
        (b, a)
    };
    if second.paragraph > first.paragraph + 1 || second.sentence.start() < first.sentence.end() {
        return false;
    }
    let between = t.slice(first.sentence.end(), second.sentence.start());
    !between.contains(['.', '!', '?'])
}

/// Find every frame of one source's claims.
pub fn link(out: &mut Extraction, scan: &str, source: &Source, rules: &Rules) {
    if out.claims.is_empty() {
        return;
    }
    // Frames relate quantities: set the other claims aside and renumber around them.
    let all = std::mem::take(&mut out.claims);
    let mut to_q: Vec<Option<usize>> = Vec::with_capacity(all.len());
    let quantities = all.iter().filter(|c| c.quantity().is_some()).count();
    out.claims.reserve(quantities);
    let mut others: Vec<Claim> = Vec::with_capacity(all.len() - quantities);
    for c in all {
        if c.quantity().is_some() {
            to_q.push(Some(out.claims.len()));
            out.claims.push(c);
        } else {
            to_q.push(None);
            others.push(c);
        }
    }
    if !others.is_empty() {
        for c in &mut out.claims {
            let q = quantity_mut(c);
            q.refers_to = q
                .refers_to
                .and_then(|r| to_q.get(r.index()).copied().flatten())
                .map(ClaimRef::new);
        }
    }
    let t = Text::new(scan);
    let fv = &rules.frames;
    let mut win = Windows::new(&t, &out.claims);
    let (sequence, added) = synthesize_sequences(out, &t, &win, fv);
    if added {
        win = Windows::new(&t, &out.claims);
    }
    for (i, c) in out.claims.iter_mut().enumerate() {
        let marked = is_marked_total(win.before(i), win.after(i), fv);
        quantity_mut(c).is_total = marked;
    }
    let mut wholes = part_of_links(out, &win);
    lists(out, &t, &win, fv, &sequence);
    wholes.extend(shares(out, &t, &win, fv, rules));
    key_wholes(out, &wholes, rules);
    changes(out, &t, &win, fv, rules);
    multiples(out, &t, &win, fv, rules, source);
    if !others.is_empty() {
        merge_back(out, others);
    }
}

/// Put the claims that are not quantities back in text order, renumbering every index.
fn merge_back(out: &mut Extraction, others: Vec<Claim>) {
    let quantities = std::mem::take(&mut out.claims);
    let mut final_index = Vec::with_capacity(quantities.len());
    let mut merged = Vec::with_capacity(quantities.len() + others.len());
    let mut others = others.into_iter().peekable();
    for q in quantities {
        while let Some(o) = others.next_if(|o| o.figure.start() < q.figure.start()) {
            merged.push(o);
        }
        final_index.push(merged.len());
        merged.push(q);
    }
    merged.extend(others);
    let map = |i: usize| final_index.get(i).copied().unwrap_or(i);
    for c in &mut merged {
        if c.quantity().is_some() {
            let q = quantity_mut(c);
            let remap = |r: ClaimRef| ClaimRef::new(map(r.index()));
            q.refers_to = q.refers_to.map(remap);
            q.part_of = q.part_of.map(remap);
        }
    }
    for f in &mut out.frames {
        for i in f.claims_mut() {
            *i = map(*i);
        }
    }
    out.claims = merged;
}

// ----- sequences: `one ... a second ... and 11 more` ------------------------------------

/// The claim whose span holds `pos` (claims are in text order).
fn claim_at(claims: &[Claim], pos: usize) -> Option<usize> {
    let i = claims
        .partition_point(|c| c.span.start() <= pos)
        .checked_sub(1)?;
    (claims[i].span.end() > pos).then_some(i)
}

/// Whether a claim adds to the figures before it (`11 more`, `another 12`).
fn is_additive(win: &Windows, i: usize, fv: &FrameVocab) -> bool {
    win.after_figure(i)
        .is_some_and(|a| a.starts_with_at(0, &fv.additive_after).is_some())
        || win.before(i).ends_with(&fv.additive_before).is_some()
}

/// In a sentence with an additive figure, the items before it written without a number
/// (`one body`, `a second`) become counts of one. Returns, for each claim, whether it is an
/// item of a sequence.
/// Also returns whether claims were added.
fn synthesize_sequences(
    out: &mut Extraction,
    t: &Text<'_>,
    win: &Windows,
    fv: &FrameVocab,
) -> (Vec<bool>, bool) {
    let mut new: Vec<Claim> = Vec::new();
    let mut additive = vec![false; out.claims.len()];
    let mut last_sentence: Option<Span> = None;
    for (i, c) in out.claims.iter().enumerate() {
        if quantity(c).unit != Unit::Count || !is_additive(win, i, fv) {
            continue;
        }
        additive[i] = true;
        if last_sentence == Some(c.sentence) {
            continue;
        }
        last_sentence = Some(c.sentence);
        let Some(words) = WordBuf::between(t, c.sentence.start(), c.span.start(), 200) else {
            continue;
        };
        let words = words.all();
        let mut k = 0;
        while k < words.len() {
            let start = words.toks[k].start;
            let inside = claim_at(&out.claims, start).is_some();
            let mut found: Option<usize> = None;
            if !inside {
                if let Some(n) = words.starts_with_at(k, &fv.sequence_start) {
                    let prev_ok = k == 0
                        || !matches!(
                            words.w(k - 1),
                            "no" | "each" | "any" | "every" | "this" | "that" | "which" | "only"
                        );
                    let next_ok = words.get(k + n).is_none_or(|w| w != "of");
                    if prev_ok && next_ok {
                        found = Some(n);
                    }
                } else if matches!(words.w(k), "a" | "an")
                    && words.get(k + 1).is_some_and(|w| fv.sequence.contains(w))
                {
                    found = Some(2);
                } else if fv.additive_before.contains(words.w(k))
                    && t.next(words.toks[k].end).kind != Kind::Number
                    && claim_at(&out.claims, t.next(words.toks[k].end).start).is_none()
                {
                    found = Some(1);
                }
            }
            match found {
                Some(n) => {
                    let end = words.toks[k + n - 1].end;
                    new.push(Claim {
                        source: c.source,
                        span: Span::new(start, end),
                        figure: Span::new(start, end),
                        sentence: c.sentence,
                        paragraph: c.paragraph,
                        kind: ClaimKind::Quantity(Box::new(Quantity {
                            value: 1.0,
                            low: 1.0,
                            high: 1.0,
                            ..Quantity::default()
                        })),
                    });
                    k += n;
                }
                None => k += 1,
            }
        }
    }
    if new.is_empty() {
        return (additive, false);
    }
    let mut seq_flags: Vec<(Claim, bool)> = out
        .claims
        .drain(..)
        .zip(additive)
        .chain(new.into_iter().map(|c| (c, true)))
        .collect();
    // Keep claim order by position; renumber anaphora.
    let mut order: Vec<usize> = (0..seq_flags.len()).collect();
    order.sort_by_key(|&i| (seq_flags[i].0.figure.start(), i));
    let mut new_index = vec![0; order.len()];
    for (new_i, &old_i) in order.iter().enumerate() {
        new_index[old_i] = new_i;
    }
    let mut slots: Vec<Option<(Claim, bool)>> = seq_flags.drain(..).map(Some).collect();
    let mut claims = Vec::with_capacity(slots.len());
    let mut flags = Vec::with_capacity(slots.len());
    for &old_i in &order {
        if let Some((mut c, f)) = slots[old_i].take() {
            let q = quantity_mut(&mut c);
            q.refers_to = q
                .refers_to
                .and_then(|r| new_index.get(r.index()).copied())
                .map(ClaimRef::new);
            claims.push(c);
            flags.push(f);
        }
    }
    out.claims = claims;
    (flags, true)
}

// ----- part-of: `12 of the 40`, `Of the 40 passengers, 12 ...` --------------------------

/// Links parts to their wholes; returns the wholes.
fn part_of_links(out: &mut Extraction, win: &Windows) -> Vec<usize> {
    let n = out.claims.len();
    let mut wholes = Vec::new();
    for i in 0..n.saturating_sub(1) {
        let (a, b) = (&out.claims[i], &out.claims[i + 1]);
        if a.sentence != b.sentence || quantity(a).unit != quantity(b).unit {
            continue;
        }
        // `12 of the 40`, `12 out of 40`.
        if let Some(gap) = win.gap(i, 3) {
            let partitive = matches!(
                (gap.len(), gap.w(0), gap.w(1), gap.w(2)),
                (1, "of", _, _)
                    | (2, "of", "the" | "those" | "these", _)
                    | (2, "out", "of", _)
                    | (3, "out", "of", "the")
            );
            // `57 Canadians were among the 176 people aboard`.
            let among = {
                let mut k = 0;
                if matches!(gap.w(0), "were" | "are" | "was" | "is") {
                    k += 1;
                }
                gap.w(k) == "among"
                    && (gap.len() == k + 1
                        || (gap.len() == k + 2 && matches!(gap.w(k + 1), "the" | "those")))
            };
            if partitive || among {
                if counts_same(&out.claims[i], &out.claims[i + 1]) {
                    wholes.push(i + 1);
                }
                quantity_mut(&mut out.claims[i]).part_of = Some(ClaimRef::new(i + 1));
                continue;
            }
        }
        // `Of the 40 passengers, 12 were Canadians.`
        let before = win.before(i);
        let mut k = before.len();
        if k > 0 && matches!(before.w(k - 1), "the" | "those" | "these") {
            k -= 1;
        }
        let opens =
            k > 0 && before.w(k - 1) == "of" && (k == 1 || matches!(before.w(k - 2), "," | ":"));
        if opens
            && let Some(gap) = win.gap(i, 3)
            && gap.iter().any(|w| w == ",")
        {
            if counts_same(&out.claims[i + 1], &out.claims[i]) {
                wholes.push(i);
            }
            quantity_mut(&mut out.claims[i + 1]).part_of = Some(ClaimRef::new(i));
        }
    }
    wholes
}

/// Whether a part counts what its whole counts: it names nothing of its own (`12 of the
/// 40 seats`) or the same thing (`30 seats, a third of the 90 seats`). `57 Canadians among
/// the 176 people aboard` counts something else.
fn counts_same(part: &Claim, whole: &Claim) -> bool {
    let (p, w) = (quantity(part), quantity(whole));
    p.key.is_none() || p.key == w.key
}

/// The key a whole is counted under: its subject's key marked as the whole. `a third of
/// the 90 seats` and `12 of the 40 seats` count every seat, not the seats the part counts
/// (`The party won 35 seats`), so the whole is compared only with other wholes. A named
/// key is left alone: the rules chose it; a named key may be given to the marked key too.
fn key_wholes(out: &mut Extraction, wholes: &[usize], rules: &Rules) {
    for &w in wholes {
        let Some(c) = out.claims.get_mut(w) else {
            continue;
        };
        let q = quantity_mut(c);
        if q.named_key {
            continue;
        }
        let Some(k) = q.key.as_deref() else {
            continue;
        };
        if k.ends_with(WHOLE_MARK) {
            continue;
        }
        let marked = format!("{k}{WHOLE_MARK}");
        match rules.key_for_subject(&marked) {
            Some(named) => {
                q.key = Some(named.name.as_str().into());
                q.named_key = true;
            }
            None => q.key = Some(marked.into()),
        }
    }
}

/// What marks the key of a whole (`seat (whole)`).
pub const WHOLE_MARK: &str = " (whole)";

// ----- lists and their totals --------------------------------------------------------------

/// Whether claims `a` and `b` (consecutive) are items of one list.
fn joined(
    win: &Windows,
    claims: &[Claim],
    a: usize,
    b: usize,
    fv: &FrameVocab,
    seq: &[bool],
) -> bool {
    let (ca, cb) = (&claims[a], &claims[b]);
    let (qa, qb) = (quantity(ca), quantity(cb));
    if ca.sentence != cb.sentence
        || qa.unit != qb.unit
        || qa.unit == Unit::Percent
        || qa.part_of.is_some()
        || qb.part_of.is_some()
    {
        return false;
    }
    let Some(gap) = win.gap(a, MAX_GAP) else {
        return false;
    };
    // Separators only: `, `, `and`, `, and`, `plus`.
    let mut k = 0;
    let mut any = false;
    while k < gap.len() {
        if matches!(gap.w(k), "," | ";") {
            k += 1;
            any = true;
        } else if let Some(n) = gap.starts_with_at(k, &fv.list_separators) {
            k += n;
            any = true;
        } else {
            break;
        }
    }
    if any && k == gap.len() {
        return true;
    }
    // A sequence: `one ... on Monday, a second on Tuesday and 11 more`.
    seq.get(b).copied().unwrap_or(false)
        && seq.get(a).copied().unwrap_or(false)
        && gap.toks.iter().all(|t| t.kind != Kind::Number)
}

/// Words that end a clause: a total before them does not own a list after them.
const CLAUSE_BREAKS: &[&str] = &[";", "and", "but", "while", "whereas", "than", "or"];

fn lists(out: &mut Extraction, t: &Text<'_>, win: &Windows, fv: &FrameVocab, seq: &[bool]) {
    let n = out.claims.len();
    let mut used_totals: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && joined(win, &out.claims, j, j + 1, fv, seq) {
            j += 1;
        }
        // The items as a range: most are single figures that make no frame, and need no
        // list allocated.
        let items = i..j + 1;
        i = j + 1;
        let first = &out.claims[items.start];
        let last = &out.claims[j];
        let unit = quantity(first).unit.clone();
        if unit == Unit::Percent {
            continue;
        }
        let mut partial = {
            win.before(items.start).ends_with(&fv.partial).is_some()
                || quantity(first)
                    .hedge
                    .as_deref()
                    .is_some_and(|h| fv.partial.contains(h))
        };
        let mut total: Option<usize> = None;
        // (a) A total just before the list in the same sentence, tied by a link word.
        if let Some(p) = items.start.checked_sub(1) {
            let pc = &out.claims[p];
            if pc.sentence == first.sentence
                && quantity(pc).unit == unit
                && quantity(pc).part_of.is_none()
                && let Some(gap) = win.gap(p, 8)
            {
                let mut end = gap.len();
                let mut punct_link = false;
                while end > 0 && matches!(gap.w(end - 1), "," | ":" | "—" | "–" | "(" | "-") {
                    punct_link |= gap.w(end - 1) != "," && gap.w(end - 1) != "(";
                    end -= 1;
                }
                let broken = gap
                    .iter()
                    .take(end)
                    .any(|w| CLAUSE_BREAKS.contains(&w) || w == "." || w == "?");
                if !broken {
                    if gap.ends_with_at(end, &fv.partial).is_some() {
                        total = Some(p);
                        partial = true;
                    } else if items.len() >= 2
                        && (punct_link || gap.ends_with_at(end, &fv.list_links).is_some())
                    {
                        total = Some(p);
                    }
                }
            }
        }
        // (b) A total just after the list in the same sentence (`..., 57 in all`).
        if total.is_none()
            && items.len() >= 2
            && let Some(nx) = j.checked_add(1).filter(|&x| x < n)
        {
            let nc = &out.claims[nx];
            if nc.sentence == last.sentence
                && quantity(nc).unit == unit
                && let Some(gap) = win.gap(j, 6)
                && (gap.ends_with(&fv.total_before).is_some() || quantity(nc).is_total)
            {
                total = Some(nx);
            }
        }
        // (c) A total in the sentence before or after, marked as one (`All 160 people`).
        if total.is_none() && items.len() >= 2 {
            let candidates = (items.start.saturating_sub(4)..items.start)
                .rev()
                .chain(j + 1..(j + 5).min(n));
            for c in candidates {
                let cc = &out.claims[c];
                if cc.sentence == first.sentence
                    || cc.paragraph != first.paragraph
                    || quantity(cc).unit != unit
                    || quantity(cc).part_of.is_some()
                    || used_totals.contains(&c)
                    || !adjacent_sentences(t, first, cc)
                {
                    continue;
                }
                if quantity(cc).is_total && may_gather(&out.claims, cc, items.clone(), fv) {
                    total = Some(c);
                    break;
                }
            }
        }
        if items.len() < 2 && total.is_none() {
            continue;
        }
        let id = out.frames.len() as u32;
        for it in items.clone() {
            let q = quantity_mut(&mut out.claims[it]);
            q.frame = Some(id);
            if let Some(tot) = total
                && q.part_of.is_none()
            {
                q.part_of = Some(ClaimRef::new(tot));
            }
        }
        if let Some(tot) = total {
            used_totals.push(tot);
            let q = quantity_mut(&mut out.claims[tot]);
            q.frame.get_or_insert(id);
        }
        out.frames.push(Frame::List(ListFrame {
            items: items.collect(),
            total,
            partial,
        }));
    }
}

/// The head word of a claim's subject, lowercase, without a plural `s`.
fn head(c: &Claim) -> Option<String> {
    let text = quantity(c).subject.as_ref()?.text.to_lowercase();
    let last = text.split_whitespace().last()?.to_string();
    Some(last)
}

fn singular_form(w: &str) -> &str {
    w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w)
}

/// Whether a total found in another sentence may be the total of these items: its head
/// gathers anything (`people`), or counts what one of the items counts, or the items name
/// nothing.
fn may_gather(claims: &[Claim], total: &Claim, items: Range<usize>, fv: &FrameVocab) -> bool {
    let Some(h) = head(total) else {
        return true;
    };
    if fv.collective.contains(&h) {
        return true;
    }
    let heads: Vec<String> = items.filter_map(|i| head(&claims[i])).collect();
    heads.is_empty() || heads.iter().any(|x| singular_form(x) == singular_form(&h))
}

/// Whether a claim is marked as a total, before or after it (`all 160`, `160 in all`).
fn is_marked_total(before: Words<'_>, after: Words<'_>, fv: &FrameVocab) -> bool {
    let end = before.len() - usize::from(before.last().is_some_and(|w| w == ","));
    before.ends_with_at(end, &fv.total_before).is_some()
        || after.starts_with_at(0, &fv.total_after).is_some()
}

// ----- shares: `12 of 40, or 30%`; `30 seats, a third of the 90` -----------------------------

/// Words allowed between a share and its part: `12, or 30%`, `12 (30%)`.
const SHARE_GAP: &[&str] = &[
    ",", "or", "(", ")", "—", "–", "-", "which", "is", "was", "that", "some",
];

/// Finds the shares; returns every whole a share is stated of, its part found or not.
fn shares(
    out: &mut Extraction,
    t: &Text<'_>,
    win: &Windows,
    fv: &FrameVocab,
    rules: &Rules,
) -> Vec<usize> {
    let n = out.claims.len();
    let mut found: Vec<ShareFrame> = Vec::new();
    let mut wholes: Vec<usize> = Vec::new();
    for w in 0..n {
        let wc = &out.claims[w];
        if quantity(wc).unit == Unit::Percent {
            continue;
        }
        // `P of the W, or S%`, `Of the W, P (S%)`: a part-of link and a percentage right
        // after the later of the two.
        let linked = [w.checked_sub(1), Some(w + 1)]
            .into_iter()
            .flatten()
            .find(|&p| p < n && quantity(&out.claims[p]).part_of == Some(ClaimRef::new(w)));
        if let Some(p) = linked
            && let Some(s) = Some(p.max(w) + 1).filter(|&s| s < n)
            && is_share_next(win, &out.claims, p.max(w), s)
        {
            found.push(ShareFrame {
                part: p,
                whole: w,
                share: ShareOf::Percent(s),
            });
            continue;
        }
        // `S% of the W` or `a third of the W`, with the part right before or right after.
        let before = win.before(w);
        let mut end = before.len();
        if end > 0
            && matches!(
                before.w(end - 1),
                "the" | "those" | "these" | "its" | "their"
            )
        {
            end -= 1;
        }
        if end == 0 || before.w(end - 1) != "of" {
            continue;
        }
        end -= 1;
        let anchor: Option<(ShareOf, usize)> = if let Some(s) = w.checked_sub(1)
            && quantity(&out.claims[s]).unit == Unit::Percent
            && out.claims[s].span.end() <= before.toks.get(end).map_or(0, |t| t.start)
            && before
                .toks
                .get(..end)
                .is_some_and(|toks| toks.iter().all(|t| t.start < out.claims[s].span.end()))
        {
            Some((ShareOf::Percent(s), out.claims[s].span.start()))
        } else {
            (1..=fv.max_factor_words.min(end)).rev().find_map(|k| {
                let phrase = before.phrase(end - k..end);
                let value = *fv.fractions.get(phrase)?;
                let span = before.toks[end - k].start..before.toks[end - 1].end;
                let hedge_words = WordBuf::before(t, span.start, wc.sentence.start(), 3);
                let hedge_words = hedge_words.all();
                let hedge = hedge_ending(hedge_words, hedge_words.len(), rules);
                Some((
                    ShareOf::Fraction {
                        value,
                        span: span.clone().into(),
                        hedge,
                    },
                    span.start,
                ))
            })
        };
        let Some((share, anchor_start)) = anchor else {
            continue;
        };
        let skip_share = match &share {
            ShareOf::Percent(s) => Some(*s),
            ShareOf::Fraction { .. } => None,
        };
        // The part: the count right before the anchor, or right after the whole.
        let mut part = None;
        let prev = (0..w).rev().find(|&i| Some(i) != skip_share);
        if let Some(p) = prev
            && out.claims[p].sentence == wc.sentence
            && quantity(&out.claims[p]).unit == quantity(wc).unit
            && let Some(gap) = WordBuf::between(t, out.claims[p].span.end(), anchor_start, 4)
            && gap.all().all_in(SHARE_GAP)
            && gap.all().len() > 0
        {
            part = Some(p);
        }
        if part.is_none()
            && let Some(nx) = (w + 1 < n).then_some(w + 1)
            && out.claims[nx].sentence == wc.sentence
            && quantity(&out.claims[nx]).unit == quantity(wc).unit
            && let Some(gap) = WordBuf::between(t, wc.span.end(), out.claims[nx].span.start(), 4)
            && gap.all().all_in(SHARE_GAP)
            && gap.all().len() > 0
        {
            part = Some(nx);
        }
        // `The party won 35 seats. That is a third of the 90 seats.`: the part is the one
        // figure of the unit in the sentence before, and the share's sentence opens with a
        // word that points back to it.
        if part.is_none()
            && let Some(p) = prev
            && out.claims[p].sentence != wc.sentence
            && quantity(&out.claims[p]).unit == quantity(wc).unit
            && adjacent_sentences(t, &out.claims[p], wc)
            && (0..p)
                .rev()
                .take_while(|&i| out.claims[i].sentence == out.claims[p].sentence)
                .all(|i| quantity(&out.claims[i]).unit != quantity(wc).unit)
            && let Some(lead) = WordBuf::between(t, wc.sentence.start(), anchor_start, 4)
            && lead.all().len() > 0
            && lead.all().starts_with_at(0, &fv.share_back) == Some(lead.all().len())
        {
            part = Some(p);
        }
        // A share states its part counts what the whole counts, whether the part is
        // found or not.
        if part.is_none_or(|p| counts_same(&out.claims[p], wc)) {
            wholes.push(w);
        }
        if let Some(p) = part {
            found.push(ShareFrame {
                part: p,
                whole: w,
                share,
            });
        }
    }
    for s in found {
        let part = s.part;
        let whole = s.whole;
        out.frames.push(Frame::Share(s));
        let q = quantity_mut(&mut out.claims[part]);
        q.part_of.get_or_insert(ClaimRef::new(whole));
    }
    wholes
}

/// Whether claim `s` is a percentage stated right after claim `w` (`, or 30%`, `(30%)`).
fn is_share_next(win: &Windows, claims: &[Claim], w: usize, s: usize) -> bool {
    let (wc, sc) = (&claims[w], &claims[s]);
    if wc.sentence != sc.sentence || quantity(sc).unit != Unit::Percent {
        return false;
    }
    // `35% of the vote` is a share of something else (its subject, when it has one).
    let of_other = win.after(s).get(0).is_some_and(|w| w == "of") || quantity(sc).subject.is_some();
    !of_other
        && s == w + 1
        && win
            .gap(w, 3)
            .is_some_and(|g| g.len() > 0 && g.all_in(SHARE_GAP))
}

// ----- changes: direction, endpoints, amount ----------------------------------------------

/// The direction word just before `pos` (allowing `by` after it): its direction and span.
fn direction_before(
    t: &Text<'_>,
    pos: usize,
    floor: usize,
    fv: &FrameVocab,
) -> Option<(Direction, Range<usize>)> {
    let max = fv.up.max_words.max(fv.down.max_words) + 1;
    direction_in(WordBuf::before(t, pos, floor, max).all(), fv)
}

/// The direction word ending the words `w` (allowing `by` after it).
fn direction_in(w: Words<'_>, fv: &FrameVocab) -> Option<(Direction, Range<usize>)> {
    let ends = [
        Some(w.len()),
        w.len().checked_sub(1).filter(|&e| w.w(e) == "by"),
    ];
    for end in ends.into_iter().flatten() {
        for (set, dir) in [(&fv.up, Direction::Up), (&fv.down, Direction::Down)] {
            if let Some(k) = w.ends_with_at(end, set) {
                return Some((dir, w.toks[end - k].start..w.toks[end - 1].end));
            }
        }
    }
    None
}

/// The direction word just after a figure (`a 30% increase`).
fn direction_after(win: &Windows, i: usize, fv: &FrameVocab) -> Option<(Direction, Range<usize>)> {
    let w = win.after_figure(i)?;
    let word = w.get(0)?;
    let tok = w.toks.first()?;
    let noun = matches!(
        word,
        "increase"
            | "rise"
            | "gain"
            | "jump"
            | "growth"
            | "drop"
            | "fall"
            | "decline"
            | "decrease"
            | "loss"
    );
    if !noun {
        return None;
    }
    let dir = if fv.up.contains(word) {
        Direction::Up
    } else if fv.down.contains(word) {
        Direction::Down
    } else {
        return None;
    };
    Some((dir, tok.start..tok.end))
}

fn changes(out: &mut Extraction, t: &Text<'_>, win: &Windows, fv: &FrameVocab, rules: &Rules) {
    let n = out.claims.len();
    // Directions of amounts first.
    let dirs: Vec<Option<(Direction, Range<usize>)>> = (0..n)
        .map(|i| direction_in(win.before(i), fv).or_else(|| direction_after(win, i, fv)))
        .collect();
    let mut used = vec![false; n];
    let mut frames = Vec::new();
    for i in 0..n.saturating_sub(1) {
        let (a, b) = (&out.claims[i], &out.claims[i + 1]);
        if a.sentence != b.sentence {
            continue;
        }
        let before_a = win.before(i);
        let Some(prev_tok) = before_a.toks.last() else {
            continue;
        };
        let a_after_from = before_a.last().is_some_and(|w| w == "from");
        let a_after_to = before_a.last().is_some_and(|w| w == "to");
        let Some(gap) = win.gap(i, 3) else {
            continue;
        };
        let (from, to, start) = match (gap.len(), gap.w(0), gap.w(1)) {
            (1, "to", _) if a_after_from => (i, i + 1, prev_tok.start),
            (1, "from", _) | (2, ",", "from") if a_after_to => (i + 1, i, prev_tok.start),
            _ => continue,
        };
        // `from 3.9 to 3.6%`, `from 100 to 300 tonnes`: a bare first figure takes the unit
        // of the second.
        if quantity(a).unit != quantity(b).unit {
            let (bare, unitful) = if quantity(a).unit == Unit::Count {
                (i, i + 1)
            } else if quantity(b).unit == Unit::Count {
                (i + 1, i)
            } else {
                continue;
            };
            let uq = quantity(&out.claims[unitful]);
            let factor = match uq.stated_value() {
                Some(sv) if sv != 0.0 => uq.value / sv,
                _ => 1.0,
            };
            let unit = uq.unit.clone();
            let q = quantity_mut(&mut out.claims[bare]);
            if q.subject.is_some() || q.key.is_some() {
                continue;
            }
            q.stated_mut().value = Some(q.value);
            q.unit = unit;
            q.value *= factor;
            q.low *= factor;
            q.high *= factor;
        }
        // `from 80 to 40 million`: the first figure shares the second's magnitude.
        {
            let (fa, fb) = (
                out.claims[i].figure.range(),
                out.claims[i + 1].figure.range(),
            );
            // A magnitude word among the figure's words (`40 million euros`).
            let magnitude = |r: &Range<usize>| {
                WordBuf::between(t, r.start, r.end, 6).and_then(|w| {
                    let w = w.all();
                    (0..w.len()).find_map(|k| {
                        let tok = w.toks[k];
                        (tok.kind == Kind::Word)
                            .then(|| super::lexicon::magnitude_word(t.slice(tok.start, tok.end)))
                            .flatten()
                    })
                })
            };
            let ends_in_digit = |r: &Range<usize>| t.prev(r.end).kind == Kind::Number;
            let (ma, mb) = (magnitude(&fa), magnitude(&fb));
            let scaled = match (ma, mb) {
                (None, Some(m)) if ends_in_digit(&fa) => Some((i, m)),
                (Some(m), None) if ends_in_digit(&fb) => Some((i + 1, m)),
                _ => None,
            };
            if let Some((k, m)) = scaled
                && quantity(&out.claims[k]).unit == quantity(&out.claims[2 * i + 1 - k]).unit
            {
                let q = quantity_mut(&mut out.claims[k]);
                if q.value.abs() < m {
                    q.value *= m;
                    q.low *= m;
                    q.high *= m;
                }
            }
        }
        let (a, b) = (&out.claims[i], &out.claims[i + 1]);
        let (qa, qb) = (quantity(a), quantity(b));
        if qa.unit != qb.unit {
            continue;
        }
        // The direction word before `from` / `to`, if any.
        let verb = direction_before(t, start, a.sentence.start(), fv).or_else(|| {
            // `rose 5% from 120 to 126`: the amount's own direction.
            i.checked_sub(1)
                .filter(|&p| out.claims[p].sentence == a.sentence)
                .and_then(|p| dirs[p].clone())
        });
        // The amount: the claim right before the endpoints, or right after them.
        let amount = [i.checked_sub(1), Some(i + 2)]
            .into_iter()
            .flatten()
            .filter(|&k| k < n && out.claims[k].sentence == a.sentence && !used[k])
            .find(|&k| {
                let c = &out.claims[k];
                if dirs[k].is_none() {
                    return false;
                }
                // Only a short gap between the amount and the endpoints.
                let (x, y) = if k < i {
                    (c.span.end(), start)
                } else {
                    (out.claims[i + 1].span.end(), c.span.start())
                };
                WordBuf::between(t, x, y, 6).is_some()
            });
        used[from] = true;
        used[to] = true;
        let direction = verb
            .as_ref()
            .map(|v| v.0)
            .or_else(|| amount.and_then(|k| dirs[k].as_ref().map(|d| d.0)));
        let by = match amount {
            Some(k) if is_points(&out.claims[k], fv) => ChangeBy::Points,
            Some(k)
                if quantity(&out.claims[k]).unit == Unit::Percent && qa.unit != Unit::Percent =>
            {
                ChangeBy::Percent
            }
            Some(k) if quantity(&out.claims[k]).unit == Unit::Percent => {
                // Percent endpoints with a percent amount: `from 40% to 44%, up 10%` is a
                // relative change; the check tries both readings.
                let _ = k;
                ChangeBy::Percent
            }
            _ => ChangeBy::Amount,
        };
        if let Some(k) = amount {
            used[k] = true;
        }
        frames.push(ChangeFrame {
            direction,
            verb: verb.map(|v| v.1.into()),
            from: Some(from),
            to: Some(to),
            amount,
            by,
            from_apart: false,
        });
    }
    // Amounts with a direction and no endpoints: a change frame of their own, with the
    // endpoint written right after the amount (`down 3 points to 41%`) and the starting
    // point when the text states it apart.
    for (k, d) in dirs.iter().enumerate() {
        if used[k] {
            continue;
        }
        if let Some((dir, span)) = d {
            let aq = quantity(&out.claims[k]);
            let end = end_after_amount(&out.claims, win, k, fv).filter(|&(y, _)| !used[y]);
            let points = is_points(&out.claims[k], fv) || end.is_some_and(|(_, p)| p);
            let to = end.map(|(y, _)| y);
            let from = to.and_then(|y| {
                let topic = Topic::of(t, &out.claims[k], fv, rules);
                let is_amount = |j: usize| dirs[j].is_some();
                earlier_endpoint(&out.claims, t, &is_amount, k, y, &topic, fv, rules)
            });
            let to_unit = to.map(|y| &quantity(&out.claims[y]).unit);
            let by = if points {
                ChangeBy::Points
            } else if aq.unit == Unit::Percent {
                ChangeBy::Percent
            } else if to_unit.is_some_and(|u| *u == Unit::Percent) && aq.unit == Unit::Count {
                // `down 3 to 41%`: a bare amount between percentages is in points.
                ChangeBy::Points
            } else {
                ChangeBy::Amount
            };
            used[k] = true;
            if let Some(y) = to {
                used[y] = true;
            }
            frames.push(ChangeFrame {
                direction: Some(*dir),
                verb: Some(span.clone().into()),
                from,
                to,
                amount: Some(k),
                by,
                from_apart: from.is_some(),
            });
        }
    }
    frames.sort_by_key(|f| f.amount.into_iter().chain(f.from).min().unwrap_or(0));
    // A change in points between percentages (`down 3 points to 41%`, `from 44% to 41%, 3
    // points down`) is in percentage points: a difference, not a count of points.
    for f in &frames {
        let Some(k) = f.amount else {
            continue;
        };
        let percents = [f.from, f.to]
            .into_iter()
            .flatten()
            .any(|e| quantity(&out.claims[e]).unit == Unit::Percent);
        let q = quantity_mut(&mut out.claims[k]);
        if f.by == ChangeBy::Points && percents && q.unit == Unit::Count {
            q.unit = Unit::PercentagePoints;
            q.key = None;
        }
    }
    for f in frames {
        let id = out.frames.len() as u32;
        let own = [(!f.from_apart).then_some(f.from).flatten(), f.to, f.amount];
        for k in own.into_iter().flatten() {
            let q = quantity_mut(&mut out.claims[k]);
            q.direction = f.direction;
            q.frame.get_or_insert(id);
        }
        out.frames.push(Frame::Change(f));
    }
}

/// The claim right after amount `k` that is where the change ended: `down 3 points to 41%`,
/// `fell by 12 to 88`.
/// Returns the end and whether a points word came between (`1 point to 41%`).
fn end_after_amount(
    claims: &[Claim],
    win: &Windows,
    k: usize,
    fv: &FrameVocab,
) -> Option<(usize, bool)> {
    let y = k + 1;
    let (a, b) = (claims.get(k)?, claims.get(y)?);
    if a.sentence != b.sentence || quantity(b).hedge.is_some() {
        return None;
    }
    // Nothing between but `to`, and a points word the amount's subject left out.
    let gap = win.gap(k, 4)?;
    let points = gap.starts_with_at(0, &fv.points).unwrap_or(0);
    (gap.len() == points + 1 && gap.w(points) == "to").then_some((y, points > 0))
}

/// What a figure is about, as far as the words before it say: the content words of its
/// clause (`the unemployment rate fell` → `unemployment rate`), and its key.
struct Topic<'c> {
    words: Vec<String>,
    key: Option<&'c str>,
}

impl<'c> Topic<'c> {
    fn of(t: &Text<'_>, c: &'c Claim, fv: &FrameVocab, rules: &Rules) -> Topic<'c> {
        let mut topic = Topic::at(t, c.span.start(), c.sentence.start(), fv, rules);
        topic.key = quantity(c).key.as_deref();
        topic
    }

    /// The topic of the clause that runs up to `pos`, with no key.
    fn at(t: &Text<'_>, pos: usize, floor: usize, fv: &FrameVocab, rules: &Rules) -> Topic<'c> {
        let w = WordBuf::before(t, pos, floor, TOPIC_WORDS);
        let w = w.all();
        let mut start = w.len();
        while start > 0 {
            let tok = w.toks[start - 1];
            if tok.kind != Kind::Word {
                break;
            }
            start -= 1;
        }
        let mut words: Vec<String> = (start..w.len())
            .map(|k| w.w(k))
            .filter(|x| {
                x.chars().count() > 1
                    && !fv.topic_ignore.contains(x)
                    && !fv.up.contains(x)
                    && !fv.down.contains(x)
                    && !fv.multiples.contains_key(*x)
                    && rules.hedge(x).is_none()
            })
            .map(|x| singular_form(x).to_string())
            .collect();
        words.sort_unstable();
        words.dedup();
        Topic { words, key: None }
    }

    /// Whether two figures are about the same thing: their keys agree (one may add a
    /// place or time to the other), or, without keys, their clauses name the same words.
    fn same(&self, other: &Topic<'_>) -> bool {
        match (self.key, other.key) {
            (Some(a), Some(b)) => {
                a == b
                    || a.strip_prefix(b).is_some_and(|r| r.starts_with(' '))
                    || b.strip_prefix(a).is_some_and(|r| r.starts_with(' '))
            }
            _ => !self.words.is_empty() && self.words == other.words,
        }
    }
}

/// How many words before a figure say what it is about.
const TOPIC_WORDS: usize = 8;

/// The starting point of a change stated as an amount and an end (`down 3 points to 41%`)
/// when the text states it apart: `from 44%` earlier in the sentence, or the same figure
/// given earlier in this sentence or the one before (`Turnout was 44% in 2015.`). The
/// nearest earlier figure of the unit must be about the same thing, and only a single value
/// qualifies: two different earlier values leave the change unchecked.
/// `amount` is the claim the search starts before (the change's amount, or the end
/// itself); `is_amount` says which claims are change amounts, never endpoints.
#[allow(clippy::too_many_arguments)]
fn earlier_endpoint(
    claims: &[Claim],
    t: &Text<'_>,
    is_amount: &dyn Fn(usize) -> bool,
    amount: usize,
    to: usize,
    topic: &Topic<'_>,
    fv: &FrameVocab,
    rules: &Rules,
) -> Option<usize> {
    let (ac, tc) = (&claims[amount], &claims[to]);
    let unit = &quantity(tc).unit;
    // The amount's own key (`3 points`) says nothing of what changed; the end's does.
    let end_topic = Topic {
        words: topic.words.clone(),
        key: quantity(tc).key.as_deref(),
    };
    let mut found: Option<usize> = None;
    for j in (amount.saturating_sub(12)..amount).rev() {
        let c = &claims[j];
        if c.sentence != ac.sentence && !adjacent_sentences(t, c, ac) {
            break;
        }
        let q = quantity(c);
        if q.unit != *unit || is_amount(j) {
            continue;
        }
        let w = WordBuf::before(t, c.span.start(), c.sentence.start(), 1);
        let w = w.all();
        if c.sentence == ac.sentence && w.last() == Some("from") {
            return Some(j);
        }
        let there = Topic::of(t, c, fv, rules);
        if !end_topic.same(&there) {
            // A figure of the same unit about something else, nearer than any start
            // found: the start is not clear.
            found?;
            continue;
        }
        match found {
            None => found = Some(j),
            Some(f) if quantity(&claims[f]).value == q.value => {}
            Some(_) => return None,
        }
    }
    found
}

// ----- multiples: `tripled from 100 to 300`, `30, twice as many as the 15` --------------------

/// The multiple phrase ending at token `end` of `w`: (factor, first token index).
fn multiple_ending(w: Words<'_>, end: usize, fv: &FrameVocab) -> Option<(f64, usize)> {
    (1..=fv.max_factor_words.min(end)).rev().find_map(|k| {
        let f = *fv.multiples.get(w.phrase(end - k..end))?;
        Some((f, end - k))
    })
}

fn multiples(
    out: &mut Extraction,
    t: &Text<'_>,
    win: &Windows,
    fv: &FrameVocab,
    rules: &Rules,
    source: &Source,
) {
    let n = out.claims.len();
    let mut found = Vec::new();
    // `tripled to 300 tonnes`, the figure it started from given just before.
    for y in 0..n {
        // The claim's window ends with the same token as the words read below: most claims
        // are not after `to`, and need no more reading.
        if win.before(y).last() != Some("to") {
            continue;
        }
        let c = &out.claims[y];
        let w = WordBuf::before(
            t,
            c.span.start(),
            c.sentence.start(),
            fv.max_factor_words + 1,
        );
        let w = w.all();
        if w.last() != Some("to") {
            continue;
        }
        let end = w.len() - 1;
        let Some((factor, at)) = multiple_ending(w, end, fv) else {
            continue;
        };
        let cue = w.toks[at].start..w.toks[end - 1].end;
        let mut topic = Topic::at(t, cue.start, c.sentence.start(), fv, rules);
        topic.key = None;
        let in_change = |j: usize| quantity(&out.claims[j]).direction.is_some();
        let Some(base) = earlier_endpoint(&out.claims, t, &in_change, y, y, &topic, fv, rules)
        else {
            continue;
        };
        let hedge = hedge_ending(w, at, rules);
        found.push(MultipleFrame {
            factor,
            cue: cue.into(),
            hedge,
            times_more: false,
            base,
            result: y,
            base_apart: true,
        });
    }
    as_many_apart(out, t, fv, rules, source, &mut found);
    // With endpoints: the change frames' verbs.
    for f in &out.frames {
        let Frame::Change(ChangeFrame {
            from: Some(from),
            to: Some(to),
            from_apart: false,
            ..
        }) = f
        else {
            continue;
        };
        let first = (*from).min(*to);
        let c = &out.claims[first];
        // `tripled from`, `tripled to`, `a sixfold increase from`.
        let w = WordBuf::before(
            t,
            c.span.start(),
            c.sentence.start(),
            fv.max_factor_words + 4,
        );
        let w = w.all();
        let mut end = w.len();
        if end > 0 && matches!(w.w(end - 1), "from" | "to") {
            end -= 1;
        }
        if end > 0 && matches!(w.w(end - 1), "increase" | "rise" | "jump" | "drop" | "fall") {
            end -= 1;
        }
        let Some((factor, at)) = multiple_ending(w, end, fv) else {
            continue;
        };
        let cue = w.toks[at].start..w.toks[end - 1].end;
        let hedge = hedge_ending(w, at, rules);
        found.push(MultipleFrame {
            factor,
            cue: cue.into(),
            hedge,
            times_more: false,
            base: *from,
            result: *to,
            base_apart: false,
        });
    }
    // `P ..., twice as many as (the) Q`, `P, three times more than Q`.
    for p in 0..n.saturating_sub(1) {
        let (pc, qc) = (&out.claims[p], &out.claims[p + 1]);
        if pc.sentence != qc.sentence || quantity(pc).unit != quantity(qc).unit {
            continue;
        }
        let Some(gap) = win.gap(p, MAX_GAP) else {
            continue;
        };
        let mut end = gap.len();
        while end > 0
            && matches!(
                gap.w(end - 1),
                "the" | "those" | "its" | "their" | "in" | "of"
            )
        {
            end -= 1;
        }
        let mut times_more = false;
        let g = |k: usize| gap.get(k).unwrap_or("");
        if end >= 2
            && g(end - 1) == "as"
            && matches!(g(end - 2), "many" | "much" | "large" | "high" | "big")
        {
            end -= 2;
            if end > 0 && g(end - 1) == "as" {
                end -= 1;
            }
        } else if end >= 2
            && g(end - 1) == "than"
            && matches!(g(end - 2), "more" | "higher" | "larger" | "bigger")
        {
            end -= 2;
            times_more = true;
        } else if end >= 3 && g(end - 1) == "of" && g(end - 2) == "number" && g(end - 3) == "the" {
            end -= 3;
        } else if end >= 1 && g(end - 1) == "that" {
            end -= 1;
        } else {
            continue;
        }
        let Some((factor, at)) = multiple_ending(gap, end, fv) else {
            continue;
        };
        // Only commas, dashes and hedges between P and the factor.
        let hedge = hedge_ending(gap, at, rules);
        let hedge_len = hedge.as_ref().map_or(0, |h| h.split(' ').count());
        if !gap.iter().take(at.saturating_sub(hedge_len)).all(|w| {
            matches!(
                w,
                "," | "—" | "–" | "-" | "(" | "or" | "which" | "is" | "was" | "about"
            )
        }) {
            continue;
        }
        found.push(MultipleFrame {
            factor,
            cue: (gap.toks[at].start..gap.toks[end - 1].end).into(),
            hedge,
            times_more: times_more && factor > 1.0,
            base: p + 1,
            result: p,
            base_apart: false,
        });
    }
    for m in found {
        let id = out.frames.len() as u32;
        for k in [m.base, m.result] {
            quantity_mut(&mut out.claims[k]).frame.get_or_insert(id);
        }
        out.frames.push(Frame::Multiple(m));
    }
}

/// The searchers for `as many ` and `as much `, built once. `memmem` finds a fixed pattern
/// faster than `str::match_indices`; neither pattern can overlap itself, so the matches are
/// the same.
static AS_MANY: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
    std::sync::LazyLock::new(|| ["as many ", "as much "].map(memchr::memmem::Finder::new));

/// `twice as many Germans as Danes were aboard: 12 Germans and 3 Danes`: a multiple of two
/// groups named in words, whose counts the sentence (or the next) states. Each group must
/// be counted exactly once, by a figure whose subject is that group.
fn as_many_apart(
    out: &Extraction,
    t: &Text<'_>,
    fv: &FrameVocab,
    rules: &Rules,
    source: &Source,
    found: &mut Vec<MultipleFrame>,
) {
    let claims = &out.claims;
    for finder in AS_MANY.iter() {
        for p in finder.find_iter(t.b) {
            if t.char_before(p).is_some_and(is_letter) {
                continue;
            }
            let many_end = p + finder.needle().len() - 1;
            let para = source.paragraph_range(source.paragraph_of(p));
            let w = WordBuf::before(t, many_end, para.start, fv.max_factor_words + 2);
            let w = w.all();
            let len = w.len();
            // `half as many` is a phrase of its own; `twice` and `three times` come before
            // `as many`.
            let (factor, at) = match multiple_ending(w, len, fv) {
                Some(m) => m,
                None => match len.checked_sub(2).and_then(|e| multiple_ending(w, e, fv)) {
                    Some(m) => m,
                    None => continue,
                },
            };
            // The two groups: `Germans as Danes`, `the Germans as the Danes`.
            let after = WordBuf::after(t, many_end, para.end, 8);
            let after = after.all();
            let skip = |k: usize| {
                let mut k = k;
                while matches!(after.get(k), Some("the" | "those" | "there" | "were")) {
                    k += 1;
                }
                k
            };
            let x_start = skip(0);
            let Some(as_at) = (x_start..after.len()).find(|&k| after.w(k) == "as") else {
                continue;
            };
            let y_at = skip(as_at + 1);
            let words_only = (0..=y_at.min(after.len().saturating_sub(1)))
                .all(|k| after.toks[k].kind == Kind::Word);
            if as_at == x_start || as_at > x_start + 3 || y_at >= after.len() || !words_only {
                continue;
            }
            let hx = singular_form(after.w(as_at - 1)).to_string();
            let hy = singular_form(after.w(y_at)).to_string();
            if hx == hy {
                continue;
            }
            // The counts: in this sentence or the next.
            let sentence = super::sentence::sentence_at(t, p, para.clone());
            let first = claims.partition_point(|c| c.span.end() <= sentence.start);
            let mut xs = Vec::new();
            let mut ys = Vec::new();
            for (j, c) in claims.iter().enumerate().skip(first).take(12) {
                let same = c.sentence.start() < sentence.end && c.sentence.end() > sentence.start;
                let next = c.sentence.start() >= sentence.end
                    && c.paragraph() <= source.paragraph_of(p) + 1
                    && !t
                        .slice(sentence.end, c.sentence.start())
                        .contains(['.', '!', '?']);
                if !same && !next {
                    break;
                }
                let q = quantity(c);
                let phrase_end = after.toks[y_at].end;
                if q.unit != Unit::Count || (c.span.start() >= p && c.span.start() < phrase_end) {
                    continue;
                }
                match head(c).map(|h| singular_form(&h).to_string()) {
                    Some(h) if h == hx => xs.push(j),
                    Some(h) if h == hy => ys.push(j),
                    _ => {}
                }
            }
            let ([x], [y]) = (xs.as_slice(), ys.as_slice()) else {
                continue;
            };
            let cue = w.toks[at].start..many_end;
            found.push(MultipleFrame {
                factor,
                cue: cue.into(),
                hedge: hedge_ending(w, at, rules),
                times_more: false,
                base: *y,
                result: *x,
                base_apart: false,
            });
        }
    }
}

/// A hedge phrase of the rules ending at token `end` of `w` (`more than`, `nearly`).
fn hedge_ending(w: Words<'_>, end: usize, rules: &Rules) -> Option<Box<str>> {
    (1..=rules.max_hedge_words.min(end))
        .rev()
        .map(|k| w.phrase(end - k..end))
        .find(|p| rules.hedge(p).is_some())
        .map(Box::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract_text;

    fn run(text: &str) -> Extraction {
        let rules = Rules::builtin().unwrap();
        extract_text(text, &rules)
    }

    fn values(e: &Extraction, idx: &[usize]) -> Vec<f64> {
        idx.iter().map(|&i| quantity(&e.claims[i]).value).collect()
    }

    fn lists_of(e: &Extraction) -> Vec<&ListFrame> {
        e.frames
            .iter()
            .filter_map(|f| match f {
                Frame::List(l) => Some(l),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_list_with_its_total_before_it() {
        let e = run("The 57 victims were 41 Britons, 12 Germans and three Danes.");
        let l = lists_of(&e);
        assert_eq!(l.len(), 1, "{:#?}", e.frames);
        assert_eq!(values(&e, &l[0].items), [41.0, 12.0, 3.0]);
        assert_eq!(l[0].total.map(|t| quantity(&e.claims[t]).value), Some(57.0));
        assert!(!l[0].partial);
    }

    #[test]
    fn a_partial_list() {
        let e = run(
            "The jet carried 176 people that night, including 57 Canadians and dozens of others.",
        );
        let l = lists_of(&e);
        assert_eq!(l.len(), 1, "{:#?}", e.frames);
        assert!(l[0].partial);
        assert_eq!(
            l[0].total.map(|t| quantity(&e.claims[t]).value),
            Some(176.0)
        );
    }

    #[test]
    fn a_total_in_the_next_sentence() {
        let e =
            run("The plane carried a crew of 9 and 150 passengers. All 160 people aboard died.");
        let l = lists_of(&e);
        assert_eq!(l.len(), 1, "{:#?}", e.frames);
        assert_eq!(values(&e, &l[0].items), [9.0, 150.0]);
        assert_eq!(
            l[0].total.map(|t| quantity(&e.claims[t]).value),
            Some(160.0)
        );
    }

    #[test]
    fn a_sequence_with_one_and_a_second() {
        let e = run(
            "One coffin arrived on Monday, a second on Tuesday and 11 more are due. All 14 families have been told.",
        );
        let l = lists_of(&e);
        assert_eq!(l.len(), 1, "{:#?}", e);
        assert_eq!(values(&e, &l[0].items), [1.0, 1.0, 11.0]);
        assert_eq!(l[0].total.map(|t| quantity(&e.claims[t]).value), Some(14.0));
    }

    #[test]
    fn no_list_across_clauses_or_from_a_single_figure() {
        let e = run("In the north there were 300 arrests, and in the south there were 250.");
        assert!(
            lists_of(&e).iter().all(|l| l.total.is_none()),
            "{:#?}",
            e.frames
        );
    }

    #[test]
    fn part_of_links() {
        let e = run("Officials said 57 of the 40 passengers were Canadians.");
        assert_eq!(quantity(&e.claims[0]).part_of, Some(ClaimRef::new(1)));
        let e = run("Of the 40 passengers, 12 were Canadians.");
        assert_eq!(
            quantity(&e.claims[1]).part_of,
            Some(ClaimRef::new(0)),
            "{e:#?}"
        );
    }

    fn keys(e: &Extraction) -> Vec<(String, Option<String>)> {
        e.claims
            .iter()
            .filter_map(|c| {
                let q = c.quantity()?;
                Some((q.value.to_string(), q.key.as_deref().map(str::to_string)))
            })
            .collect()
    }

    fn key_of(e: &Extraction, value: &str) -> Option<String> {
        keys(e).into_iter().find(|(v, _)| v == value)?.1
    }

    #[test]
    fn wholes_are_keyed_apart_from_their_parts() {
        // The share's part is not found (two counts before it); its whole is still one.
        let e =
            run("The party won 35 seats and 12 committee chairs. That is a third of the 90 seats.");
        assert_eq!(key_of(&e, "35").as_deref(), Some("seat"), "{:?}", keys(&e));
        assert_eq!(
            key_of(&e, "90").as_deref(),
            Some("seat (whole)"),
            "{:?}",
            keys(&e)
        );
        let e = run("The party won 30 seats, a third of the 90 seats.");
        assert_eq!(key_of(&e, "30").as_deref(), Some("seat"));
        assert_eq!(key_of(&e, "90").as_deref(), Some("seat (whole)"));
        let e = run("The coalition holds 12 of the 40 seats.");
        assert_eq!(key_of(&e, "40").as_deref(), Some("seat (whole)"));
        let e = run("Of the 300 ballots recounted, 45 were spoiled.");
        assert_eq!(key_of(&e, "300").as_deref(), Some("ballot (whole)"));
        // A part that counts something else leaves its whole's key alone.
        let e = run("Some 57 Canadians were among the 176 passengers.");
        assert_eq!(
            key_of(&e, "176").as_deref(),
            Some("passengers"),
            "{:?}",
            keys(&e)
        );
        let e = run("Of the 60 passengers, 20 were Canadians.");
        assert_eq!(
            key_of(&e, "60").as_deref(),
            Some("passengers"),
            "{:?}",
            keys(&e)
        );
        // A list's total is not marked.
        let e = run("The 57 victims were 41 Britons, 12 Germans and three Danes.");
        assert_eq!(
            key_of(&e, "57").as_deref(),
            Some("victim"),
            "{:?}",
            keys(&e)
        );
    }

    #[test]
    fn shares_with_percent_and_fraction() {
        let e = run("The party won 12 of the 40 seats, or 35%.");
        assert!(
            e.frames.iter().any(|f| matches!(f, Frame::Share(_))),
            "{:#?}",
            e.frames
        );
        let e = run("The party won 32 seats, a third of the 90 in the chamber.");
        assert!(
            e.frames.iter().any(|f| matches!(
                f,
                Frame::Share(ShareFrame {
                    part: 0,
                    whole: 2,
                    ..
                })
            )),
            "{:#?}",
            e.frames
        );
    }

    #[test]
    fn changes_with_endpoints_and_amount() {
        let first_change = |e: &Extraction| {
            e.frames
                .iter()
                .find_map(|f| match f {
                    Frame::Change(c) => Some(c.clone()),
                    _ => None,
                })
                .expect("a change")
        };
        let e = run("Sales rose from 120 to 150, an increase of 30%.");
        let c = first_change(&e);
        assert_eq!(c.direction, Some(Direction::Up));
        assert_eq!(c.by, ChangeBy::Percent);
        assert!(c.amount.is_some() && c.from.is_some() && c.to.is_some());
        let e = run("Support was down 3 points to 41% from 44%.");
        let c = first_change(&e);
        assert_eq!(c.direction, Some(Direction::Down));
        assert_eq!(c.by, ChangeBy::Points, "{e:#?}");
    }

    #[test]
    fn a_change_with_its_start_stated_apart() {
        let change = |e: &Extraction| {
            e.frames.iter().find_map(|f| match f {
                Frame::Change(c) => Some(c.clone()),
                _ => None,
            })
        };
        let e = run("Turnout was 44% in 2015. This year turnout was down 3 points to 41%.");
        let c = change(&e).expect("a change");
        assert!(c.from_apart, "{c:?}");
        assert_eq!(c.from.map(|i| quantity(&e.claims[i]).value), Some(44.0));
        assert_eq!(c.to.map(|i| quantity(&e.claims[i]).value), Some(41.0));
        assert_eq!(c.by, ChangeBy::Points);
        // No start stated, or one about something else: no start taken.
        let e = run("Turnout was down 3 points to 41%.");
        assert_eq!(change(&e).and_then(|c| c.from), None);
        let e = run("Labour's share was 44%. The Tories' share was down 3 points to 41%.");
        assert_eq!(change(&e).and_then(|c| c.from), None);
        // `fell by 12 to 88` is an amount and an end, not a range.
        let e = run("The mill had 100 employees. By June the mill had cut 12 to 88 employees.");
        let c = change(&e).expect("a change");
        assert_eq!(c.amount.map(|i| quantity(&e.claims[i]).value), Some(12.0));
        assert_eq!(c.from.map(|i| quantity(&e.claims[i]).value), Some(100.0));
    }

    #[test]
    fn multiples_of_groups_named_in_words() {
        let e = run("Twice as many Germans as Danes were aboard: 12 Germans and 3 Danes.");
        let m = e
            .frames
            .iter()
            .find_map(|f| match f {
                Frame::Multiple(m) => Some(m.clone()),
                _ => None,
            })
            .expect("a multiple");
        assert_eq!(m.factor, 2.0);
        assert_eq!(quantity(&e.claims[m.result]).value, 12.0);
        assert_eq!(quantity(&e.claims[m.base]).value, 3.0);
    }

    #[test]
    fn multiples() {
        let e = run("Exports tripled from 100 to 300 tonnes.");
        assert!(
            e.frames
                .iter()
                .any(|f| matches!(f, Frame::Multiple(m) if m.factor == 3.0)),
            "{:#?}",
            e.frames
        );
        let e = run("The school has 30 boys, twice as many as the 20 girls.");
        assert!(
            e.frames
                .iter()
                .any(|f| matches!(f, Frame::Multiple(m) if m.factor == 2.0)),
            "{:#?}",
            e.frames
        );
    }

    mod windows {
        use super::super::*;
        use crate::source::floor_char_boundary;
        use proptest::prelude::*;

        /// Texts made of what the word walks stop at: words (with hyphens, apostrophes,
        /// capitals and non-ASCII letters), figures, punctuation, and line breaks.
        fn texts() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "The",
                "army",
                "SAID",
                "to",
                "Canada’s",
                "special-forces",
                "Ünïcode",
                "5,200",
                "1.5",
                "3",
                ",",
                ".",
                "(",
                "—",
                "-",
                "’",
                " ",
                " ",
                " ",
                "\n",
                "\n\n",
            ]);
            prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
        }

        /// The tokens and the lowercased text of some words, and their phrase.
        fn listed(w: Words<'_>) -> (Vec<(Tok, String)>, String) {
            let toks = (0..w.len()).map(|k| (w.toks[k], w.w(k).to_string()));
            (toks.collect(), w.phrase(0..w.len()).to_string())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]

            /// Windows read into one shared buffer, and the window after a claim read in
            /// one walk with the gap to the next, are the words read each on its own.
            #[test]
            fn shared_windows_match_fresh_reads(
                s in texts(),
                picks in prop::collection::vec((0usize..500, 0usize..500, 0usize..500), 1..8),
                n in 0usize..5,
                max in 0usize..12,
                with_gap in any::<bool>(),
            ) {
                let t = Text::new(&s);
                let at = |p: usize| floor_char_boundary(&s, p % (s.len() + 1));
                let mut buf = WordBuf::default();
                for (a, b, c) in picks {
                    let (pos, ceil, end) = (at(a), at(b), at(c));
                    let before = buf.push_before(&t, pos, ceil.min(pos), n);
                    let fresh = WordBuf::before(&t, pos, ceil.min(pos), n);
                    prop_assert_eq!(listed(buf.words(before)), listed(fresh.all()));

                    let gap_end = with_gap.then_some(end);
                    let (after, gap) =
                        buf.push_after_and_between(&t, pos, ceil, n, gap_end, max);
                    let fresh = WordBuf::after(&t, pos, ceil, n);
                    prop_assert_eq!(listed(buf.words(after)), listed(fresh.all()));
                    let fresh = gap_end.and_then(|e| WordBuf::between(&t, pos, e, max));
                    prop_assert_eq!(
                        gap.map(|g| listed(buf.words(g))),
                        fresh.map(|f| listed(f.all()))
                    );
                }
            }
        }
    }
}

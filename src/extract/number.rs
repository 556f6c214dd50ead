//! Reading one figure in place: digits or number words, then what surrounds them.

use std::ops::Range;
use std::sync::Arc;

use super::lexicon::{self, NumWord};
use super::scan::{Kind, Text, Tok};
use super::sentence::Sentences;
use super::{Claim, ClaimKind, Extraction, NonClaim, Qualifier, Quantity, SetAside, Unit, subject};
use super::{Span, index32};
use crate::rules::{HedgeKind, Rules};
use crate::source::{Source, SourceId};

/// A bare figure: the number itself, before hedges and subjects.
#[derive(Debug, Clone)]
struct Core {
    start: usize,
    end: usize,
    value: f64,
    /// Digits after the decimal point, as written (after scaling by a magnitude word,
    /// this is used only for rounding tolerance).
    decimals: u32,
    /// Written in words (`fifty-seven`).
    words: bool,
    /// Has thousands separators (`5,200`).
    separators: bool,
    /// Number of integer digits as written.
    digits: usize,
    /// The multiplier applied by a magnitude word or suffix (1 when none).
    magnitude: f64,
    unit: Unit,
    /// The unit as written, when it converts (an id in the rules' unit table).
    unit_id: Option<usize>,
    /// A fraction in words (`two-thirds`, `a quarter`): a share, read as a percentage
    /// when it quantifies a group (`a third of voters`).
    fraction: bool,
}

/// The claims a run has room for from the start.
const CLAIMS_ROOM: usize = 16;

/// One extraction run over one source.
pub(super) struct Run<'a> {
    pub text: Text<'a>,
    source: &'a Source,
    id: SourceId,
    rules: &'a Rules,
    /// Everything before this offset has been read.
    pub consumed: usize,
    out: Extraction,
    /// The sentences found so far, handed on to the later passes.
    pub sentences: Sentences,
    buf: String,
    /// The tokens last found before and after a position (see [`TokMemo`]).
    prevs: TokMemo,
    nexts: TokMemo,
    /// Reused while reading a hedge: the words before a figure, and their lowercase forms
    /// joined.
    hedge_words: Vec<Tok>,
    hedge_joined: String,
    /// Reused while reading a subject and building its key.
    key_scratch: subject::KeyScratch,
    lower_bufs: subject::LowerBufs,
}

/// The last two tokens found from a position, with the position. Reading one figure asks
/// for the same neighbours again and again (the sign, the hedge, the change word, the
/// non-claim tests and the predicate all look at the word before it); the text never
/// changes during a run, so a token found once from a position is the token found again.
#[derive(Default)]
struct TokMemo {
    slots: [Option<(usize, Tok)>; 2],
}

impl TokMemo {
    /// The token from `pos`, from the memo or found by `find`.
    fn get(&mut self, pos: usize, find: impl FnOnce(usize) -> Tok) -> Tok {
        for &(at, tok) in self.slots.iter().flatten() {
            if at == pos {
                return tok;
            }
        }
        let tok = find(pos);
        self.slots[1] = self.slots[0];
        self.slots[0] = Some((pos, tok));
        tok
    }
}

impl<'a> Run<'a> {
    pub fn new(scan: &'a str, source: &'a Source, id: SourceId, rules: &'a Rules) -> Run<'a> {
        let mut out = Extraction::default();
        // Room for the claims of a news draft, rather than growing the list claim by claim.
        out.claims.reserve(CLAIMS_ROOM);
        Run {
            text: Text::new(scan),
            source,
            id,
            rules,
            consumed: 0,
            out,
            sentences: Sentences::default(),
            buf: String::new(),
            prevs: TokMemo::default(),
            nexts: TokMemo::default(),
            hedge_words: Vec::new(),
            hedge_joined: String::new(),
            key_scratch: subject::KeyScratch::default(),
            lower_bufs: subject::LowerBufs::default(),
        }
    }

    pub fn finish(self) -> Extraction {
        self.out
    }

    fn set_aside(&mut self, span: Range<usize>, reason: NonClaim) {
        self.consumed = self.consumed.max(span.end);
        self.out.set_aside.push(SetAside {
            source: self.id,
            span,
            reason,
        });
    }

    fn lower_word(&mut self, t: &Tok) -> String {
        let text = self.text;
        text.lower(t, &mut self.buf).to_string()
    }

    /// Whether the word `tok`, in lowercase, is in `set`.
    fn word_in(&mut self, tok: &Tok, set: impl FnOnce(&Rules, &str) -> bool) -> bool {
        let t = self.text;
        tok.kind == Kind::Word && set(self.rules, subject::lower(&t, tok, &mut self.buf))
    }

    /// [`Text::prev`], remembered.
    fn prev(&mut self, pos: usize) -> Tok {
        let t = self.text;
        self.prevs.get(pos, |p| t.prev(p))
    }

    /// [`Text::next`], remembered.
    fn next(&mut self, pos: usize) -> Tok {
        let t = self.text;
        self.nexts.get(pos, |p| t.next(p))
    }

    // ----- triggers -------------------------------------------------------------------

    /// A run of digits starts at `start`.
    pub fn digits(&mut self, start: usize) {
        let t = self.text;
        let end_all = t.number_end(start);
        // Glued to letters before it: an identifier (`MH17`, `A320neo`, `COVID-19`).
        if let Some(c) = t.char_before(start) {
            let glued_hyphen = (c == '-' || c == '#')
                && t.char_before(start - 1).is_some_and(|p| p.is_alphabetic());
            if c.is_alphanumeric() || glued_hyphen || c == '#' {
                let end = alnum_end(&t, end_all);
                self.set_aside(ident_start(&t, start)..end, NonClaim::Identifier);
                return;
            }
            if c == '.' && t.char_before(start - 1).is_some_and(|p| p.is_ascii_digit()) {
                self.consumed = end_all;
                return;
            }
            // `.08`: a decimal written without its leading zero.
            if c == '.'
                && !t
                    .char_before(start - 1)
                    .is_some_and(|p| p.is_alphanumeric())
                && !t.slice(start, end_all).contains(['.', ','])
                && let Ok(frac) = format!("0.{}", t.slice(start, end_all)).parse::<f64>()
            {
                let core = Core {
                    start: start - 1,
                    end: end_all,
                    value: frac,
                    decimals: (end_all - start) as u32,
                    words: false,
                    separators: false,
                    digits: 1,
                    magnitude: 1.0,
                    unit: Unit::Count,
                    unit_id: None,
                    fraction: false,
                };
                self.finish_core(core);
                return;
            }
            // `+1 613 555 0199`, `+44 20 7946 0958`: a telephone number.
            if c == '+' {
                self.set_aside(start - 1..phone_end(&t, start), NonClaim::Identifier);
                return;
            }
        }
        // `0199`, `007`: a leading zero makes a code, not a count.
        if t.b[start] == b'0'
            && end_all - start >= 3
            && !t.slice(start, end_all).contains(['.', ','])
        {
            self.set_aside(start..alnum_end(&t, end_all), NonClaim::Identifier);
            return;
        }
        // `555-1234`, `613-555-0199`: a telephone number.
        if end_all - start == 3 && t.char_at(end_all) == Some('-') {
            let e = phone_end(&t, start);
            let tail = t.slice(end_all + 1, e);
            if tail.len() >= 4 && tail.rsplit(['-', ' ']).next().is_some_and(|g| g.len() == 4) {
                self.set_aside(start..e, NonClaim::Identifier);
                return;
            }
        }
        let Some(core) = self.parse_digits(start) else {
            return;
        };
        self.finish_core(core);
    }

    /// A number word starts at `start`.
    pub fn words(&mut self, start: usize) {
        let Some(core) = self.parse_words(start) else {
            self.consumed = self.consumed.max(start + 1);
            return;
        };
        // A lone `one` is a pronoun more often than a count (`one of`, `no one`,
        // `including one outside the city`): it counts only when a noun follows.
        if core.value == 1.0 && !core.words_have_scale(&self.text) {
            let prev = self.text.prev(core.start);
            let plw = self.lower_word(&prev);
            let pronoun = matches!(
                plw.as_str(),
                "no" | "the" | "any" | "each" | "every" | "this" | "that" | "which" | "only"
            );
            if matches!(plw.as_str(), "minus" | "negative") {
                self.finish_core(core);
                return;
            }
            if let Some(end) = self.one_in(core.end) {
                self.set_aside(core.start..end, NonClaim::Ratio);
                return;
            }
            let noun = subject::parse(&self.text, core.end, self.rules, false);
            if pronoun || noun.words.is_empty() || noun.partitive {
                self.consumed = core.end;
                return;
            }
        }
        self.finish_core(core);
    }

    /// `a dozen`, `a hundred`, `an estimated` (left to the hedge), `a similar number`.
    pub fn article(&mut self, start: usize, end: usize) {
        let t = self.text;
        if !article_may_lead(&t, end) {
            return;
        }
        let next = t.next(end);
        if next.kind != Kind::Word {
            return;
        }
        let w = t.slice(next.start, next.end);
        let seg_end = next.start + w.bytes().position(|b| b == b'-').unwrap_or(w.len());
        if let Some(NumWord::Hundred | NumWord::Scale(_) | NumWord::Dozen) =
            lexicon::number_word(t.slice(next.start, seg_end))
            && let Some(mut core) = self.parse_words(next.start)
        {
            core.start = start;
            self.finish_core(core);
        } else if let Some((d, false)) = lexicon::denominator(w) {
            // `a third of`, `a half`, `a quarter million`.
            self.share_from(start, next.end, 1.0 / d);
        }
    }

    /// A vague word: `dozens`, `hundreds of thousands`.
    pub fn vague(&mut self, start: usize, end: usize) {
        let t = self.text;
        let word = t.slice(start, end).to_lowercase();
        let Some((mut low, mut high)) = self.rules.vague(&word) else {
            return;
        };
        let mut fig_end = end;
        // `hundreds of thousands`, `tens of millions`.
        let of = t.next(end);
        if subject::word_is(&t, &of, "of") {
            let w = t.next(of.end);
            if w.kind == Kind::Word {
                let lw = self.lower_word(&w);
                let scale = match lw.as_str() {
                    "thousands" => Some(1e3),
                    "millions" => Some(1e6),
                    "billions" => Some(1e9),
                    _ => None,
                };
                if let Some(s) = scale {
                    low *= s;
                    high *= s;
                    fig_end = w.end;
                }
            }
        }
        let hedge = self.hedge_before(start);
        let claim_start = hedge.as_ref().map_or(start, |h| h.0);
        let subject = subject::parse(&t, fig_end, self.rules, true);
        if subject.time_unit {
            self.set_aside(start..subject.end.max(fig_end), NonClaim::Duration);
            return;
        }
        self.push_quantity(
            claim_start..fig_end,
            Quantity {
                value: low,
                low,
                high,
                qualifier: Qualifier::Vague,
                hedge: hedge.map(|h| h.1),
                unit: Unit::Count,
                refers_to: None,
                ..Quantity::default()
            },
            subject,
        );
    }

    /// `a similar number of`: the previous count in this paragraph or the one before.
    pub fn anaphora(&mut self, start: usize, end: usize, _which: usize) {
        let para = self.source.paragraph_of(start);
        let found = self.out.claims.iter().enumerate().rev().find(|(_, c)| {
            c.figure.end() <= start
                && c.paragraph() + 1 >= para
                && matches!(&c.kind, ClaimKind::Quantity(q) if q.unit == Unit::Count)
        });
        let Some((index, prior)) = found else {
            self.consumed = end;
            return;
        };
        let Some(pq) = prior.quantity() else {
            self.consumed = end;
            return;
        };
        let (tol_low, tol_high) = self
            .rules
            .hedge("about")
            .map_or((0.9, 1.1), |h| (h.low, h.high));
        let low = pq.low.min(pq.value * tol_low);
        let high = pq.high.max(pq.value * tol_high);
        let value = pq.value;
        let t = self.text;
        let subject = subject::parse(&t, end, self.rules, true);
        self.push_quantity(
            start..end,
            Quantity {
                value,
                low,
                high,
                qualifier: Qualifier::Anaphora,
                hedge: Some(t.slice(start, end).to_lowercase().into()),
                unit: Unit::Count,
                refers_to: Some(super::ClaimRef::new(index)),
                ..Quantity::default()
            },
            subject,
        );
    }

    // ----- reading numbers ------------------------------------------------------------

    /// Digits with separators and decimals, and what is glued to them.
    fn parse_digits(&mut self, start: usize) -> Option<Core> {
        let t = self.text;
        let raw_end = t.number_end(start);
        let raw = t.slice(start, raw_end);
        // Validate the shape: groups of three after commas, at most one decimal point.
        let (int_part, frac_part) = match raw.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (raw, None),
        };
        if frac_part.is_some_and(|f| f.contains('.') || f.contains(',')) {
            // 192.168.1.2, 1.2.3: a version or an address.
            self.set_aside(start..alnum_end(&t, raw_end), NonClaim::Identifier);
            return None;
        }
        let first = int_part.split(',').next().unwrap_or_default();
        let grouped = first.len() < int_part.len();
        let well_grouped =
            !grouped || (first.len() <= 3 && int_part.split(',').skip(1).all(|g| g.len() == 3));
        // The digits without separators, then any decimals, in a reused buffer.
        let mut digits = std::mem::take(&mut self.buf);
        digits.clear();
        let end = if well_grouped {
            int_part.split(',').for_each(|g| digits.push_str(g));
            raw_end
        } else {
            // `1,2`: a list, not a number; read the first part only.
            digits.push_str(first);
            start + first.len()
        };
        let int_len = digits.len();
        let frac = if well_grouped { frac_part } else { None };
        if let Some(f) = frac {
            digits.push('.');
            digits.push_str(f);
        }
        let value: Option<f64> = digits.parse().ok();
        self.buf = digits;
        let value = value?;
        let mut core = Core {
            start,
            end,
            value,
            decimals: frac.map_or(0, |f| f.len() as u32),
            words: false,
            separators: grouped && well_grouped,
            digits: int_len,
            magnitude: 1.0,
            unit: Unit::Count,
            unit_id: None,
            fraction: false,
        };
        // Glued after: time, ratio, ordinal, decade, magnitude suffix, percent, date.
        match t.char_at(end) {
            Some(':') if t.b.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                let mut e = t.number_end(end + 1);
                e = self.time_suffix(e);
                self.set_aside(start..e, NonClaim::Time);
                return None;
            }
            Some('/') if t.b.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                let mut e = t.number_end(end + 1);
                let mut reason = NonClaim::Ratio;
                if t.char_at(e) == Some('/') && t.b.get(e + 1).is_some_and(u8::is_ascii_digit) {
                    e = t.number_end(e + 1);
                    reason = NonClaim::Date;
                }
                self.set_aside(start..e, reason);
                return None;
            }
            Some(c) if !c.is_alphanumeric() && !c.is_whitespace() && self.glued_unit(&mut core) => {
            }
            Some('-')
                if core.digits == 4
                    && t.b
                        .get(end + 1..end + 3)
                        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                    && t.char_at(end + 3) == Some('-') =>
            {
                // 2019-03-04
                let e = t.number_end(end + 4);
                self.set_aside(start..e, NonClaim::Date);
                return None;
            }
            Some(c) if c.is_alphabetic() => {
                let suffix_end = t.word_end(end);
                let suffix = t.slice(end, suffix_end).to_ascii_lowercase();
                match suffix.as_str() {
                    "st" | "nd" | "rd" | "th" => {
                        self.set_aside(start..suffix_end, NonClaim::Ordinal);
                        return None;
                    }
                    "s" if frac.is_none() && (core.digits == 4 || core.digits == 2) => {
                        self.set_aside(start..suffix_end, NonClaim::Decade);
                        return None;
                    }
                    "am" | "pm" | "a" | "p" if core.value <= 24.0 => {
                        let e = self.time_suffix(end);
                        self.set_aside(start..e.max(suffix_end), NonClaim::Time);
                        return None;
                    }
                    _ => {}
                }
                let currency = self.currency_before(start).is_some();
                // `m` is also metres and `t` tonnes: a magnitude only after a currency;
                // `b` also after a decimal (`1.2b`).
                let mag = lexicon::magnitude_word(&suffix).filter(|_| {
                    currency
                        || !matches!(suffix.as_str(), "m" | "b" | "t")
                        || (suffix == "b" && frac.is_some())
                });
                match mag {
                    Some(m) if !suffix.contains('-') => {
                        core.magnitude = m;
                        core.value *= m;
                        core.end = suffix_end;
                    }
                    _ if self.glued_unit(&mut core) => {}
                    _ => {
                        self.set_aside(start..alnum_end(&t, suffix_end), NonClaim::Identifier);
                        return None;
                    }
                }
            }
            _ => {}
        }
        Some(core)
    }

    /// Number words from `start`: `fifty-seven`, `two hundred and thirty`, `a dozen`.
    fn parse_words(&mut self, start: usize) -> Option<Core> {
        let t = self.text;
        let mut total = 0.0;
        let mut current = 0.0;
        let mut last: Option<NumWord> = None;
        let mut end = start;
        let mut pos = start;
        let mut any = false;
        // The small numbers since the last `hundred` or scale: a fraction's numerator.
        let mut tail = 0.0;
        loop {
            // One segment: letters up to a hyphen or the word's end.
            let mut seg_end = pos;
            while let Some(c) = t.char_at(seg_end) {
                if c.is_alphabetic() {
                    seg_end += c.len_utf8();
                } else {
                    break;
                }
            }
            if seg_end == pos {
                break;
            }
            let Some(w) = lexicon::number_word(t.slice(pos, seg_end)) else {
                break;
            };
            let ok = match (last, w) {
                (None, _) => true,
                (Some(NumWord::Small(_)), NumWord::Small(_) | NumWord::Tens(_)) => false,
                (Some(NumWord::Tens(_)), NumWord::Small(v)) => v < 10.0,
                (Some(NumWord::Tens(_)), NumWord::Tens(_)) => false,
                (Some(NumWord::Hundred), NumWord::Hundred) => false,
                (Some(NumWord::Dozen), _) => false,
                _ => true,
            };
            if !ok {
                break;
            }
            match w {
                NumWord::Small(v) | NumWord::Tens(v) => {
                    current += v;
                    tail += v;
                }
                NumWord::Hundred => {
                    current = current.max(1.0) * 100.0;
                    tail = 0.0;
                }
                NumWord::Dozen => {
                    // `three hundred and two dozen` is 300 + 24.
                    current = (current - tail) + tail.max(1.0) * 12.0;
                    tail = 0.0;
                }
                NumWord::Scale(s) => {
                    total += current.max(1.0) * s;
                    current = 0.0;
                    tail = 0.0;
                }
            }
            any = true;
            last = Some(w);
            end = seg_end;
            // Next segment: after a hyphen, or the next word (`and` allowed after a scale).
            if t.char_at(seg_end) == Some('-')
                && t.char_at(seg_end + 1).is_some_and(char::is_alphabetic)
            {
                let next_seg_end = t.word_end(seg_end + 1);
                let next = t.slice(seg_end + 1, next_seg_end);
                let first = next.split('-').next().unwrap_or("");
                if lexicon::number_word(first).is_some() {
                    pos = seg_end + 1;
                    continue;
                }
                break;
            }
            let mut tok = t.next(seg_end);
            // `fifty - two`: a hyphen written with spaces around it.
            if tok.is_punct('-') && matches!(last, Some(NumWord::Tens(_))) {
                let after = t.next(tok.end);
                if after.kind == Kind::Word
                    && matches!(
                        lexicon::number_word(first_segment(&t, &after)),
                        Some(NumWord::Small(v)) if v < 10.0
                    )
                {
                    pos = after.start;
                    continue;
                }
            }
            if subject::word_is(&t, &tok, "and")
                && matches!(last, Some(NumWord::Hundred | NumWord::Scale(_)))
            {
                let after = t.next(tok.end);
                let ok = after.kind == Kind::Word
                    && lexicon::number_word(first_segment(&t, &after))
                        .is_some_and(|w| matches!(w, NumWord::Small(_) | NumWord::Tens(_)));
                if !ok {
                    break;
                }
                tok = after;
            }
            if tok.kind != Kind::Word {
                break;
            }
            if lexicon::number_word(first_segment(&t, &tok)).is_none() {
                break;
            }
            pos = tok.start;
        }
        if !any {
            return None;
        }
        let mut value = total + current;
        let mut fraction = false;
        // `two-thirds`, `one third of`: a numerator and its denominator.
        if matches!(last, Some(NumWord::Small(_) | NumWord::Tens(_)))
            && let Some((d, e)) = self.denominator_after(end, tail > 1.0)
        {
            // `one hundred and three quarters` is 100.75; `two thirds` a share.
            let whole = total + current - tail;
            value = whole + tail / d;
            fraction = whole == 0.0;
            end = e;
        } else if let Some((frac, e)) = self.and_a_fraction(end) {
            // `one and a half million`, `three million and a half`.
            end = e;
            match last {
                Some(NumWord::Scale(s)) => value += frac * s,
                _ => {
                    value += frac;
                    let tok = t.next(end);
                    if tok.kind == Kind::Word
                        && let Some(NumWord::Scale(s)) =
                            lexicon::number_word(t.slice(tok.start, tok.end))
                    {
                        if total == 0.0 {
                            value *= s;
                        } else {
                            value = total * s + (current + frac) * s;
                        }
                        end = tok.end;
                    }
                }
            }
        }
        Some(Core::in_words(start, end, value, fraction))
    }

    /// A denominator word after a numerator ending at `pos` (`-thirds`, ` quarter`):
    /// `(denominator, end)`. A singular one (`one third`) counts only where it quantifies:
    /// before `of`, a scale word or the end of a clause, so `one third time` stays out.
    fn denominator_after(&self, pos: usize, plural: bool) -> Option<(f64, usize)> {
        let t = self.text;
        let mut tok = if t.char_at(pos) == Some('-') {
            t.token_at(pos + 1)
        } else {
            t.next(pos)
        };
        // `one - fourth`: a hyphen written with spaces around it.
        if tok.is_punct('-') {
            tok = t.next(tok.end);
        }
        if tok.kind != Kind::Word {
            return None;
        }
        let (d, is_plural) = lexicon::denominator(t.slice(tok.start, tok.end))?;
        if is_plural != plural {
            return None;
        }
        if !plural && !self.quantifies(tok.end) {
            return None;
        }
        Some((d, tok.end))
    }

    /// Whether a share word ending at `pos` quantifies: `of` or a scale word follows, or
    /// the clause ends.
    fn quantifies(&self, pos: usize) -> bool {
        let t = self.text;
        let next = t.next(pos);
        match next.kind {
            Kind::Word => {
                subject::word_is(&t, &next, "of")
                    || self.rules.units.after(t.s, next.start, false).is_some()
                    || matches!(
                        lexicon::number_word(t.slice(next.start, next.end)),
                        Some(NumWord::Scale(_) | NumWord::Hundred | NumWord::Dozen)
                    )
            }
            Kind::Punct(c) => matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '”'),
            Kind::End => true,
            Kind::Number => false,
        }
    }

    /// `and a half`, `and one half`, `and three quarters` after `pos`: (value, end).
    fn and_a_fraction(&self, pos: usize) -> Option<(f64, usize)> {
        let t = self.text;
        let and = t.next(pos);
        if !subject::word_is(&t, &and, "and") {
            return None;
        }
        let num = t.next(and.end);
        let numerator = if subject::word_is(&t, &num, "a") || subject::word_is(&t, &num, "an") {
            1.0
        } else {
            match lexicon::number_word(t.slice(num.start, num.end))? {
                NumWord::Small(v) if (1.0..=9.0).contains(&v) => v,
                _ => return None,
            }
        };
        let den = t.next(num.end);
        if den.kind != Kind::Word {
            return None;
        }
        let (d, plural) = lexicon::denominator(t.slice(den.start, den.end))?;
        if plural != (numerator > 1.0) {
            return None;
        }
        Some((numerator / d, den.end))
    }

    /// `half`, `quarter`: `half a million`, `half of the passengers`, `more than half`.
    pub fn share(&mut self, start: usize, end: usize) {
        let t = self.text;
        let Some((d, false)) = lexicon::denominator(t.slice(start, end)) else {
            return;
        };
        let prev = t.prev(start);
        if prev.kind == Kind::Word {
            let lw = self.lower_word(&prev);
            if self.rules.vocab.share_blockers.contains(&lw) {
                self.consumed = end;
                return;
            }
        }
        self.share_from(start, end, 1.0 / d);
    }

    /// A share `value` written from `start` to `end` (`half`, `a third`): scaled by what
    /// follows (`half a million`) or recorded as a fraction where it quantifies.
    fn share_from(&mut self, start: usize, end: usize, value: f64) {
        let t = self.text;
        // `an hour and a half`: the half belongs to the duration.
        let and = t.prev(start);
        if subject::word_is(&t, &and, "and") {
            let unit = t.prev(and.start);
            if unit.kind == Kind::Word
                && self
                    .rules
                    .vocab
                    .time_units
                    .contains(&self.lower_word(&unit))
            {
                self.consumed = end;
                return;
            }
        }
        let mut next = t.next(end);
        if subject::word_is(&t, &next, "a") || subject::word_is(&t, &next, "an") {
            next = t.next(next.end);
        }
        let scale = match lexicon::number_word(t.slice(next.start, next.end)) {
            Some(NumWord::Scale(s)) if next.kind == Kind::Word => Some(s),
            Some(NumWord::Hundred) if next.kind == Kind::Word => Some(100.0),
            Some(NumWord::Dozen) if next.kind == Kind::Word => Some(12.0),
            _ => None,
        };
        let mut core = Core::in_words(start, end, value, true);
        if let Some(s) = scale {
            core.value *= s;
            core.end = next.end;
            core.fraction = false;
        } else if !(self.quantifies(end) || subject::word_is(&t, &t.next(end), "the")) {
            self.consumed = end;
            return;
        }
        self.finish_core(core);
    }

    /// A number (digits or words) at `tok`, for the second half of a range. Does not
    /// record anything.
    fn peek_core(&mut self, tok: &Tok) -> Option<Core> {
        let saved = (self.consumed, self.out.set_aside.len());
        let core = match tok.kind {
            Kind::Number => self.parse_digits(tok.start),
            Kind::Word if lexicon::number_word(first_segment(&self.text, tok)).is_some() => {
                self.parse_words(tok.start)
            }
            _ => None,
        };
        self.consumed = saved.0;
        self.out.set_aside.truncate(saved.1);
        core
    }

    /// `am`, `a.m.`, `pm`, `p.m.`, an optional time zone: the end of a time.
    fn time_suffix(&self, pos: usize) -> usize {
        let t = self.text;
        let tok = t.next(pos);
        let w = t.slice(tok.start, tok.end).to_ascii_lowercase();
        let mut end = pos;
        if tok.kind == Kind::Word && matches!(w.as_str(), "am" | "pm" | "a" | "p") {
            end = tok.end;
            // a.m.
            if t.char_at(end) == Some('.') {
                end += 1;
                if t.b.get(end).is_some_and(|b| b.eq_ignore_ascii_case(&b'm')) {
                    end += 1;
                    if t.char_at(end) == Some('.') {
                        end += 1;
                    }
                }
            }
            let tz = t.next(end);
            let tzs = t.slice(tz.start, tz.end);
            if tz.kind == Kind::Word
                && (2..=4).contains(&tzs.len())
                && tzs.chars().all(|c| c.is_ascii_uppercase())
            {
                end = tz.end;
            }
        }
        end
    }

    // ----- context --------------------------------------------------------------------

    /// A currency sign or code just before `start` (one space allowed: `$ 1 billion`):
    /// the start of the sign, and the currency.
    fn currency_before(&self, start: usize) -> Option<(usize, &'static str)> {
        let t = self.text;
        let units = &self.rules.units;
        units.currency_before(t.s, start).or_else(|| {
            let i = start
                .checked_sub(1)
                .filter(|&i| t.b.get(i) == Some(&b' '))?;
            units.currency_before(t.s, i)
        })
    }

    /// A unit glued to the figure (`10kg`, `5°C`, `15€`, `4km²`): applied to `core`.
    fn glued_unit(&self, core: &mut Core) -> bool {
        let Some((end, id)) = self.rules.units.after(self.text.s, core.end, true) else {
            return false;
        };
        let Some(info) = self.rules.units.info(id) else {
            return false;
        };
        core.end = end;
        core.unit = info.unit.clone();
        core.unit_id = Some(id);
        true
    }

    /// The hedge phrase ending just before `start`: (its start, the phrase).
    fn hedge_before(&mut self, start: usize) -> Option<(usize, Arc<str>)> {
        let t = self.text;
        if t.char_before(start) == Some('~') && self.rules.hedge("~").is_some() {
            return Some((start - 1, "~".into()));
        }
        // The words before the figure, nearest first.
        let nearest = self.prev(start);
        if !self.word_in(&nearest, |r, w| r.ends_hedge(w)) {
            return None;
        }
        let mut words = std::mem::take(&mut self.hedge_words);
        words.clear();
        words.push(nearest);
        let mut pos = nearest.start;
        while words.len() < self.rules.max_hedge_words {
            let tok = t.prev(pos);
            if tok.kind != Kind::Word {
                break;
            }
            words.push(tok);
            pos = tok.start;
        }
        let mut joined = std::mem::take(&mut self.hedge_joined);
        let found = hedge_of(&t, &words, self.rules, &mut joined, &mut self.buf);
        self.hedge_words = words;
        self.hedge_joined = joined;
        found
    }

    /// Apply what follows a core number and record the claim or set it aside.
    fn finish_core(&mut self, mut core: Core) {
        let t = self.text;
        // A compound adjective: `five-year-old`, `57-year-old`, `10-day` are durations
        // or ages; `a 500-strong force` sizes the noun, which is then not a subject.
        let mut compound = false;
        if t.char_at(core.end) == Some('-')
            && t.char_at(core.end + 1).is_some_and(char::is_alphabetic)
        {
            let wend = t.word_end(core.end + 1);
            let word = t.slice(core.end + 1, wend).to_lowercase();
            let first = word.split('-').next().unwrap_or("");
            if self.rules.vocab.time_units.contains(first) {
                self.set_aside(core.start..wend, NonClaim::Duration);
                return;
            }
            // `a 27-kilometre ring`, `a 5-metre shark`: a measure sizing the noun.
            match self.rules.units.after(t.s, core.end + 1, false) {
                Some((e, id)) if e <= wend && core.unit == Unit::Count => {
                    if let Some(info) = self.rules.units.info(id) {
                        core.unit = info.unit.clone();
                        core.unit_id = Some(id);
                    }
                    core.end = e;
                }
                _ => core.end = wend,
            }
            compound = true;
        }
        // Currency before, possibly with a code word after: `$5 million`, `5 million euros`.
        let currency = self.currency_before(core.start);
        if let Some((_, code)) = currency {
            core.unit = Unit::Currency(code);
        }
        let mut fig_start = currency.map_or(core.start, |c| c.0);
        // Negative: `-5` with a sign glued on.
        if matches!(t.char_before(fig_start), Some('-' | '−'))
            && !t
                .char_before(fig_start - 1)
                .is_some_and(|c| c.is_alphanumeric())
        {
            core.value = -core.value;
            fig_start -= t.char_before(fig_start).map_or(1, char::len_utf8);
        } else {
            let prev = self.prev(fig_start);
            if subject::word_is(&t, &prev, "minus") || subject::word_is(&t, &prev, "negative") {
                core.value = -core.value;
                fig_start = prev.start;
            }
        }
        self.magnitude_and_unit(&mut core);
        // A share of a group is a percentage of it: `two-thirds of voters` is 66.7%.
        let share = core.fraction && core.unit == Unit::Count;
        if share {
            core.value *= 100.0;
            core.unit = Unit::Percent;
        }
        // A range: `20 to 30`, `20-30`, `between 20 and 30`.
        let hedge = self.hedge_before(fig_start);
        let between = hedge
            .as_ref()
            .and_then(|(_, p)| self.rules.hedge(p))
            .is_some_and(|h| h.kind == HedgeKind::Range);
        let mut range: Option<Core> = None;
        let mut from = false;
        let mut from_range = false;
        // Right after a change word (`fell by 12 to 88`, `up 40 per cent to 1,400`), the
        // figure may be the change's amount and the next one where it ended.
        let mut after_change = false;
        {
            // `from 20 to 30 people` is a range; `rose from 3.9 to 3.6` is a change.
            let prev = self.prev(hedge.as_ref().map_or(fig_start, |h| h.0));
            let is_change_word = |run: &mut Self, tok: &Tok| {
                run.word_in(tok, |r, w| r.vocab.change_words.contains(w))
            };
            if subject::word_is(&t, &prev, "from") {
                let before = self.prev(prev.start);
                from = is_change_word(self, &before);
                from_range = !from;
            } else if subject::word_is(&t, &prev, "by") {
                let before = self.prev(prev.start);
                after_change = is_change_word(self, &before);
            } else {
                after_change = hedge.is_none() && is_change_word(self, &prev);
            }
        }
        let mut conn = self.next(core.end);
        let mut glued_dash = conn.start == core.end && matches!(conn.kind, Kind::Punct('-' | '–'));
        // `8- to 16-metre`: a hyphen left hanging before `to`.
        if glued_dash && t.char_at(conn.end) == Some(' ') {
            let to = t.next(conn.end);
            if subject::word_is(&t, &to, "to") {
                conn = to;
                glued_dash = false;
            }
        }
        let is_conn = subject::word_is(&t, &conn, "to")
            || subject::word_is(&t, &conn, "through")
            || ((between || from_range) && subject::word_is(&t, &conn, "and"))
            || matches!(conn.kind, Kind::Punct('-' | '–' | '~'));
        if is_conn && !from {
            let mut second_tok = if glued_dash {
                t.token_at(conn.end)
            } else {
                t.next(conn.end)
            };
            // `from -18 °C to -34 °C`: a negative second end.
            let negative = matches!(second_tok.kind, Kind::Punct('-' | '−'))
                && t.char_at(second_tok.end)
                    .is_some_and(|c| c.is_ascii_digit())
                && !glued_dash;
            if negative {
                second_tok = t.token_at(second_tok.end);
            }
            // `$18 billion to $20 billion`: a currency sign before the second end.
            if !matches!(second_tok.kind, Kind::Number | Kind::Word)
                || subject::word_is(&t, &second_tok, "US")
            {
                let from = second_tok.start;
                if let Some(d) = (from..(from + 5).min(t.len())).find(|&i| t.b[i].is_ascii_digit())
                    && self.currency_before(d).is_some_and(|(s, _)| s == from)
                {
                    second_tok = t.token_at(d);
                }
            }
            if let Some(mut second) = self.peek_core(&second_tok) {
                if negative {
                    second.value = -second.value;
                }
                if let Some((_, code)) = self.currency_before(second.start) {
                    second.unit = Unit::Currency(code);
                }
                self.magnitude_and_unit(&mut second);
                // After a change word, `X to Y` is an amount and an endpoint when the two
                // are written in different units (`up 40 per cent to 1,400`) or the second
                // is far larger than a range of amounts would be (`fell by 12 to 88`).
                let endpoint = after_change
                    && !negative
                    && core.value > 0.0
                    && ((core.unit != Unit::Count && second.unit != core.unit)
                        || (second.unit == core.unit && second.value > 4.0 * core.value));
                if endpoint {
                    // Not a range: each figure is read on its own.
                } else if core.magnitude == 1.0 && second.magnitude != 1.0 {
                    core.value *= second.magnitude;
                    core.magnitude = second.magnitude;
                }
                if core.unit == Unit::Count && second.unit != Unit::Count {
                    core.unit = second.unit.clone();
                    core.unit_id = second.unit_id;
                }
                // `from 44 ml to 50 mg` names two different things.
                let same_unit = core.unit == second.unit
                    || second.unit == Unit::Count
                    || (core.unit_id.is_some() && core.unit_id == second.unit_id);
                if same_unit && !endpoint {
                    range = Some(second);
                }
            }
        }
        let mut fig_end = range.as_ref().map_or(core.end, |r| r.end);
        // `40 kilometres (25 miles)`: the same claim stated again in brackets.
        let restated = self.restatement(&core, fig_end);
        if let Some((_, end)) = &restated {
            fig_end = *end;
        }
        let rules = self.rules;
        let hedge_def = hedge.as_ref().and_then(|(_, p)| rules.hedge(p));
        // Score: `a 3-1 win`, `won 3-1`; a descending pair is a score or a ratio
        // (`odds of 7 to 1`), never a range.
        if let Some(second) = &range
            && !core.words
            && !second.words
        {
            let score = self.near_score_word(fig_start, fig_end);
            if score && glued_dash {
                self.set_aside(fig_start..fig_end, NonClaim::Score);
                return;
            }
            let negative = core.value < 0.0 || second.value < 0.0;
            if second.value < core.value && !between && !from_range && !negative {
                let reason = if score {
                    NonClaim::Score
                } else {
                    NonClaim::Ratio
                };
                self.set_aside(fig_start..fig_end, reason);
                return;
            }
        }
        // Not claims: years, dates, identifiers, times, list markers, furniture.
        // `more than 1500` is a count even with four digits; `around 1990` may be a year.
        let bounded = hedge_def
            .as_ref()
            .is_some_and(|h| matches!(h.kind, HedgeKind::Lower | HedgeKind::Upper));
        if let Some(reason) = self.non_claim(&core, range.as_ref(), fig_start, fig_end, bounded) {
            self.set_aside(fig_start..fig_end, reason);
            return;
        }
        let claim_start = hedge.as_ref().map_or(fig_start, |h| h.0);
        let (value, mut low, mut high, mut qualifier) = match &range {
            Some(second) => {
                let (a, b) = (core.value.min(second.value), core.value.max(second.value));
                ((a + b) / 2.0, a, b, Qualifier::Range)
            }
            None => (core.value, core.value, core.value, Qualifier::Exact),
        };
        if let Some(h) = &hedge_def {
            if h.kind != HedgeKind::Range {
                let (l, hi) = (value * h.low, value * h.high);
                if range.is_none() {
                    low = l.min(hi);
                    high = l.max(hi);
                    qualifier = h.kind.into();
                    // `exactly 500`, `equal to 20`: a hedge that only insists.
                    if h.kind == HedgeKind::Approximate && h.low == 1.0 && h.high == 1.0 {
                        qualifier = Qualifier::Exact;
                    }
                } else {
                    low *= h.low.min(1.0);
                    high *= h.high.max(1.0);
                }
            }
        } else if range.is_none() && core.decimals > 0 && core.magnitude > 1.0 {
            // `1.5 million` is a rounded figure: half a unit of its last digit either way.
            let half = 0.5 * core.magnitude / 10f64.powi(core.decimals as i32);
            low = value - half;
            high = value + half;
        }
        // A bound after the figure: `500 or more`, `five hundred or less`.
        if range.is_none()
            && let Some((kind, end)) = self.bound_after(fig_end)
        {
            fig_end = end;
            match kind {
                HedgeKind::Lower => {
                    (low, high, qualifier) = (value, f64::INFINITY, Qualifier::Lower);
                }
                _ => (low, high, qualifier) = (0.0, value, Qualifier::Upper),
            }
        }
        if share && qualifier == Qualifier::Exact {
            // A share in words is as precise as a whole percentage.
            low -= 1.0;
            high += 1.0;
        }
        let mut stated = None;
        if share {
            stated = Some(super::Stated {
                value: Some(value / 100.0),
                unit: Some("fraction".to_string()),
                restated: None,
            });
        }
        let mut value = value;
        if let Some(info) = core.unit_id.and_then(|id| self.rules.units.info(id))
            && (info.factor != 1.0 || info.offset != 0.0 || matches!(info.unit, Unit::Measure(_)))
        {
            stated = Some(super::Stated {
                value: Some(value),
                unit: Some(info.name.clone()),
                restated: None,
            });
            value = info.to_base(value);
            low = info.to_base(low);
            high = info.to_base(high);
        }
        let after = self.next(fig_end);
        let mut subject = if compound {
            subject::SubjectParse::default()
        } else {
            subject::parse_from(
                &t,
                fig_end,
                after,
                self.rules,
                core.unit != Unit::Count,
                &mut self.lower_bufs,
            )
        };
        if subject.time_unit {
            self.set_aside(fig_start..subject.end.max(fig_end), NonClaim::Duration);
            return;
        }
        if let Some((end, reason)) =
            subject::multiplier_at(&t, after, self.rules, &mut self.lower_bufs)
        {
            self.set_aside(fig_start..end, reason);
            return;
        }
        if subject.words.is_empty()
            && !compound
            && let of = self.prev(claim_start)
            && let Some(head) = subject::of_head(&t, of, fig_end, self.rules, &mut self.lower_bufs)
        {
            subject = head;
        }
        if subject.predicate.is_none() && !subject.words.is_empty() {
            subject.predicate = self.predicate_before(claim_start);
        }
        let hedge_text = hedge.map(|h| h.1);
        self.push_quantity(
            claim_start..fig_end,
            Quantity {
                value,
                low,
                high,
                qualifier,
                hedge: hedge_text,
                unit: core.unit.clone(),
                refers_to: None,
                stated: match (stated, restated) {
                    (None, None) => None,
                    (stated, restated) => Some(Box::new(super::Stated {
                        restated: restated.map(|(r, _)| r),
                        ..stated.unwrap_or_default()
                    })),
                },
                ..Quantity::default()
            },
            subject,
        );
    }

    /// A bracketed restatement of a measure or an amount after `end`: `(25 miles)`,
    /// `(US$1.2 million)`. Returns it and the end of the closing bracket.
    fn restatement(&mut self, core: &Core, end: usize) -> Option<(super::Restated, usize)> {
        if core.unit == Unit::Count {
            return None;
        }
        let t = self.text;
        let open = t.next(end);
        if !open.is_punct('(') {
            return None;
        }
        // The figure: just inside, or after a currency sign or code (`(C$6.8 million)`).
        let inside = t.skip_space(open.end)?;
        let digit = (inside..(inside + 8).min(t.len())).find(|&i| t.b[i].is_ascii_digit())?;
        if digit != inside && self.currency_before(digit).is_none_or(|(s, _)| s != inside) {
            return None;
        }
        let tok = t.token_at(digit);
        let mut inner = self.peek_core(&tok)?;
        if let Some((_, code)) = self.currency_before(inner.start) {
            inner.unit = Unit::Currency(code);
        }
        self.magnitude_and_unit(&mut inner);
        let close = t.next(inner.end);
        if !close.is_punct(')') {
            return None;
        }
        let compatible = match (&core.unit, &inner.unit) {
            (Unit::Currency(_), Unit::Currency(_)) => true,
            (a, b) => a == b,
        };
        if !compatible {
            return None;
        }
        let unit = match inner.unit_id.and_then(|id| self.rules.units.info(id)) {
            Some(info) => info.name.clone(),
            None => inner.unit.as_str().to_string(),
        };
        Some((
            super::Restated {
                span: open.start..close.end,
                value: inner.value,
                unit,
            },
            close.end,
        ))
    }

    /// A bound written after a figure ending at `end` (`or more`, `and above`, `or
    /// less`), from the rules: its kind and end.
    fn bound_after(&mut self, end: usize) -> Option<(HedgeKind, usize)> {
        let t = self.text;
        let a = self.next(end);
        if !(subject::word_is(&t, &a, "or") || subject::word_is(&t, &a, "and")) {
            return None;
        }
        let b = t.next(a.end);
        if b.kind != Kind::Word {
            return None;
        }
        // `above 1000 and below 1500`: the words start another bound.
        let c = t.next(b.end);
        if subject::word_is(&t, &c, "than")
            || c.kind == Kind::Number
            || (c.kind == Kind::Word && lexicon::number_word(first_segment(&t, &c)).is_some())
        {
            return None;
        }
        let phrase = format!("{} {}", self.lower_word(&a), self.lower_word(&b));
        if self.rules.vocab.lower_after.contains(&phrase) {
            Some((HedgeKind::Lower, b.end))
        } else if self.rules.vocab.upper_after.contains(&phrase) {
            Some((HedgeKind::Upper, b.end))
        } else {
            None
        }
    }

    /// `more than 10 and less than 20`: a lower and an upper bound joined in one sentence
    /// are one range. Merges `q` into the previous claim when they are; returns whether.
    fn merge_bounds(&mut self, figure: &Range<usize>, q: &mut Quantity, span_end: usize) -> bool {
        let t = self.text;
        let Some(prev) = self.out.claims.last_mut() else {
            return false;
        };
        let ClaimKind::Quantity(p) = &mut prev.kind else {
            return false;
        };
        let opposite = matches!(
            (p.qualifier, q.qualifier),
            (Qualifier::Lower, Qualifier::Upper) | (Qualifier::Upper, Qualifier::Lower)
        );
        if !opposite || p.unit != q.unit || p.subject.is_some() || prev.span.end() > figure.start {
            return false;
        }
        let between = t.slice(prev.span.end(), figure.start);
        let joined = between
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .all(|w| matches!(w.to_ascii_lowercase().as_str(), "and" | "but"));
        if !joined || between.len() > 8 {
            return false;
        }
        let (low, high) = if p.qualifier == Qualifier::Lower {
            (p.low, q.high)
        } else {
            (q.low, p.high)
        };
        if low >= high {
            return false;
        }
        p.low = low;
        p.high = high;
        p.value = (low + high) / 2.0;
        p.qualifier = Qualifier::Range;
        if let Some(h) = &q.hedge {
            let first = p.hedge.take().unwrap_or_default();
            p.hedge = Some(format!("{first} ... {h}").into());
        }
        prev.span = Span::new(prev.span.start(), span_end);
        prev.figure = Span::new(prev.figure.start(), figure.end);
        // `at most 100 and at least 20 apples`: the subject after the second is theirs.
        p.subject = q.subject.take();
        p.key = q.key.take();
        p.partitive = q.partitive;
        true
    }

    /// `4 thousand 3 hundred and 21`: smaller parts after a figure in digits and a scale
    /// word, each below the scale before it, added to it.
    fn smaller_parts(&mut self, core: &mut Core, mut scale: f64) {
        let t = self.text;
        for _ in 0..4 {
            let mut tok = t.next(core.end);
            let and = subject::word_is(&t, &tok, "and");
            if and {
                tok = t.next(tok.end);
            }
            let Some(part) = self.peek_core(&tok) else {
                return;
            };
            if part.unit != Unit::Count || part.magnitude != 1.0 || part.decimals > 0 {
                return;
            }
            let mut value = part.value;
            let mut end = part.end;
            let mut part_scale = 1.0;
            let w = t.next(part.end);
            if !part.words
                && w.kind == Kind::Word
                && let Some(m) = lexicon::magnitude_word(t.slice(w.start, w.end))
                && m >= 100.0
                && t.slice(w.start, w.end).len() > 1
            {
                value *= m;
                end = w.end;
                part_scale = m;
            }
            if value <= 0.0 || value >= scale {
                return;
            }
            core.value += value;
            core.end = end;
            if part_scale == 1.0 {
                return;
            }
            scale = part_scale;
        }
    }

    /// Magnitude words, percent signs and currency words after a core number.
    fn magnitude_and_unit(&mut self, core: &mut Core) {
        let t = self.text;
        if !core.words && core.magnitude == 1.0 {
            let tok = self.next(core.end);
            if tok.kind == Kind::Word {
                let w = t.slice(tok.start, tok.end);
                let is_full = [
                    "hundred", "thousand", "million", "billion", "trillion", "bn", "mn", "bln",
                    "tln", "dozen", "dozens",
                ]
                .iter()
                .any(|m| w.eq_ignore_ascii_case(m));
                if is_full && let Some(m) = lexicon::magnitude_word(w) {
                    core.magnitude = m;
                    core.value *= m;
                    core.end = tok.end;
                    if m >= 100.0 {
                        self.smaller_parts(core, m);
                    }
                }
            }
        }
        if core.unit_id.is_some() {
            return;
        }
        // `16-metre`: a unit joined by a hyphen.
        if core.unit == Unit::Count
            && t.char_at(core.end) == Some('-')
            && let Some((end, id)) = self.rules.units.after(t.s, core.end + 1, false)
            && let Some(info) = self.rules.units.info(id)
            && !matches!(info.unit, Unit::Currency(_))
        {
            core.unit = info.unit.clone();
            core.unit_id = Some(id);
            core.end = end;
            return;
        }
        if core.unit == Unit::Count || matches!(core.unit, Unit::Currency(_)) {
            let Some(pos) = t.skip_space(core.end) else {
                return;
            };
            let glued = pos == core.end;
            let Some((end, id)) = self.rules.units.after(t.s, pos, glued) else {
                return;
            };
            let Some(info) = self.rules.units.info(id) else {
                return;
            };
            match &info.unit {
                // `$5 million US dollars` says the currency twice; a code after a bare
                // dollar sign names it.
                Unit::Currency(code)
                    if core.unit == Unit::Count || core.unit == Unit::Currency("$") =>
                {
                    core.unit = Unit::Currency(code);
                    core.end = end;
                }
                u if core.unit == Unit::Count => {
                    core.unit = u.clone();
                    core.unit_id = Some(id);
                    core.end = end;
                }
                _ => {}
            }
        }
    }

    /// `one in five`, `1 in 3`: after a one ending at `end`, the end of the ratio.
    fn one_in(&self, end: usize) -> Option<usize> {
        let t = self.text;
        let inw = t.next(end);
        if !subject::word_is(&t, &inw, "in") {
            return None;
        }
        let n = t.next(inw.end);
        match n.kind {
            Kind::Number => Some(t.number_end(n.start)),
            Kind::Word if lexicon::number_word(first_segment(&t, &n)).is_some() => Some(n.end),
            _ => None,
        }
    }

    /// A predicate verb just before the figure (`killed 12 people`, `evacuated 1,240
    /// residents`), which the key keeps as if it followed the subject.
    fn predicate_before(&mut self, start: usize) -> Option<String> {
        let mut bufs = std::mem::take(&mut self.lower_bufs);
        let found = self.predicate_before_in(start, &mut bufs);
        self.lower_bufs = bufs;
        found
    }

    /// [`Run::predicate_before`], lowercasing words into `bufs`.
    fn predicate_before_in(
        &mut self,
        start: usize,
        bufs: &mut subject::LowerBufs,
    ) -> Option<String> {
        let prev = self.prev(start);
        if prev.kind != Kind::Word {
            return None;
        }
        let t = self.text;
        let (buf, vbuf) = (&mut bufs.one, &mut bufs.two);
        let lw = subject::lower(&t, &prev, buf);
        // `laid off 3,400 employees`: a phrasal verb keeps its particle.
        if matches!(lw, "off" | "up" | "out") {
            let verb = self.prev(prev.start);
            let vw = subject::lower(&t, &verb, vbuf);
            if verb.kind == Kind::Word && self.rules.vocab.predicates.contains(vw) {
                return Some(format!("{vw} {lw}"));
            }
            return None;
        }
        self.rules
            .vocab
            .predicates
            .contains(lw)
            .then(|| lw.to_string())
    }

    /// Whether a score word is within three words of the pair of numbers.
    fn near_score_word(&mut self, start: usize, end: usize) -> bool {
        let t = self.text;
        let mut words = Vec::new();
        let mut pos = start;
        for _ in 0..3 {
            let tok = t.prev(pos);
            if tok.kind != Kind::Word {
                break;
            }
            words.push(tok);
            pos = tok.start;
        }
        let mut pos = end;
        for _ in 0..3 {
            let tok = t.next(pos);
            if tok.kind != Kind::Word {
                break;
            }
            words.push(tok);
            pos = tok.end;
        }
        words.iter().any(|w| {
            w.kind == Kind::Word && {
                let lw = self.lower_word(w);
                self.rules.vocab.scores.contains(&lw)
            }
        })
    }

    /// Why the figure is not a claim, if it is not.
    fn non_claim(
        &mut self,
        core: &Core,
        range: Option<&Core>,
        start: usize,
        end: usize,
        bounded: bool,
    ) -> Option<NonClaim> {
        let mut bufs = std::mem::take(&mut self.lower_bufs);
        let found = self.non_claim_in(core, range, start..end, bounded, &mut bufs);
        self.lower_bufs = bufs;
        found
    }

    /// [`Run::non_claim`] of the figure at `span`, lowercasing words into `bufs`.
    fn non_claim_in(
        &mut self,
        core: &Core,
        range: Option<&Core>,
        span: Range<usize>,
        bounded: bool,
        bufs: &mut subject::LowerBufs,
    ) -> Option<NonClaim> {
        let (start, end) = (span.start, span.end);
        let t = self.text;
        let prev = self.prev(start);
        let next = self.next(end);
        // The words before and after, lowercase; every test that reads them asks first
        // that they are words.
        let plw = match prev.kind {
            Kind::Word => subject::lower(&t, &prev, &mut bufs.one),
            _ => "",
        };
        let nlw = match next.kind {
            Kind::Word => subject::lower(&t, &next, &mut bufs.two),
            _ => "",
        };
        // An identifier word before: `Flight 370`, `Route 66`, `No. 3`, `#4`.
        if prev.kind == Kind::Word && self.rules.vocab.identifiers.contains(plw) {
            return Some(NonClaim::Identifier);
        }
        if prev.kind == Kind::Punct('.') {
            let w = t.prev(prev.start);
            if subject::word_is(&t, &w, "no") || subject::word_is(&t, &w, "nos") {
                return Some(NonClaim::Identifier);
            }
        }
        let plain_int = !core.words
            && core.decimals == 0
            && !core.separators
            && core.magnitude == 1.0
            && core.unit == Unit::Count;
        // `1 in 3`: a ratio.
        if plain_int
            && core.value == 1.0
            && range.is_none()
            && let Some(e) = self.one_in(end)
        {
            self.consumed = self.consumed.max(e);
            return Some(NonClaim::Ratio);
        }
        // A street address: `12 Main Street`, `24 Sussex Drive`.
        if plain_int && t.is_capitalized(&next) {
            let mut w = next;
            for _ in 0..3 {
                if self.word_in(&w, |r, lw| r.vocab.address_words.contains(lw)) {
                    self.consumed = self.consumed.max(w.end);
                    return Some(NonClaim::Identifier);
                }
                w = t.next(w.end);
                if !t.is_capitalized(&w) {
                    break;
                }
            }
        }
        // A day next to a month: `March 4`, `Mar. 4`, `4 March`.
        if plain_int && (1.0..=31.0).contains(&core.value) && core.digits <= 2 {
            let month_before = {
                let w = if prev.kind == Kind::Punct('.') {
                    t.prev(prev.start)
                } else {
                    prev
                };
                w.kind == Kind::Word && is_month_word(&t, &w)
            };
            // `22 of January`.
            let of_month = next.kind == Kind::Word
                && t.slice(next.start, next.end).eq_ignore_ascii_case("of")
                && is_month_word(&t, &t.next(next.end));
            if month_before || of_month || (next.kind == Kind::Word && is_month_word(&t, &next)) {
                return Some(NonClaim::Date);
            }
        }
        // A year: four digits, 1000-2100, not a count of something named.
        if plain_int && core.digits == 4 && (1000.0..=2100.0).contains(&core.value) {
            let count_noun = next.kind == Kind::Word
                && (self.rules.synonym(nlw).is_some()
                    || self.rules.vocab.generic_subjects.contains(nlw));
            let second_is_year = range.is_none_or(|r| {
                (r.digits == 4 && (1000.0..=2100.0).contains(&r.value)) || r.digits == 2
            });
            if !count_noun && second_is_year && !bounded {
                return Some(NonClaim::Year);
            }
        }
        // A time: `7 a.m.`, `7 pm`, `7 o'clock`, `2.13 am`.
        let clock =
            plain_int || (core.decimals == 2 && core.magnitude == 1.0 && core.unit == Unit::Count);
        if clock && core.value <= 24.0 && next.kind == Kind::Word {
            let is_time = matches!(nlw, "am" | "pm" | "o'clock")
                || ((nlw == "a" || nlw == "p") && t.char_at(next.end) == Some('.'));
            if is_time {
                let e = self.time_suffix(end);
                self.consumed = self.consumed.max(e);
                return Some(NonClaim::Time);
            }
        }
        // Page furniture: `Photo 3 of 12`, or `3 of 12` alone on its line.
        if plain_int && subject::word_is(&t, &next, "of") {
            let after = t.next(next.end);
            if after.kind == Kind::Number {
                let furniture_word =
                    prev.kind == Kind::Word && self.rules.vocab.furniture.contains(plw);
                let line = self.source.lines().line_range(t.s, start);
                let alone = t.slice(line.start, start).trim().is_empty()
                    && t.slice(after.end, line.end).trim().is_empty();
                // `(2 of 9)` after a caption or a credit.
                let bracketed = prev.is_punct('(') && t.next(after.end).is_punct(')');
                if furniture_word || alone || bracketed {
                    self.consumed = self.consumed.max(after.end);
                    return Some(NonClaim::Furniture);
                }
            }
        }
        // `1 / 12` alone on its line: a gallery counter.
        if plain_int && next.is_punct('/') {
            let after = t.next(next.end);
            let line = self.source.lines().line_range(t.s, start);
            if after.kind == Kind::Number
                && t.slice(line.start, start).trim().is_empty()
                && t.slice(after.end, line.end).trim().is_empty()
            {
                self.consumed = self.consumed.max(after.end);
                return Some(NonClaim::Furniture);
            }
        }
        if plain_int && prev.kind == Kind::Word && self.rules.vocab.furniture.contains(plw) {
            let line = self.source.lines().line_range(t.s, start);
            if t.slice(line.start, prev.start).trim().is_empty() {
                return Some(NonClaim::Furniture);
            }
        }
        // A list marker at the start of a line: `1.` or `2)`.
        if plain_int && core.value < 100.0 && matches!(t.char_at(end), Some('.' | ')')) {
            let line = self.source.lines().line_range(t.s, start);
            let after = t.char_at(end + 1);
            if t.slice(line.start, start).trim().is_empty()
                && (after.is_none() || after == Some(' ') || after == Some('\t'))
            {
                return Some(NonClaim::ListMarker);
            }
        }
        None
    }

    /// The sentence holding `pos`.
    fn sentence(&mut self, pos: usize) -> Range<usize> {
        let para = self.source.paragraph_range(self.source.paragraph_of(pos));
        self.sentences.at(&self.text, pos, para)
    }

    fn push_quantity(&mut self, figure: Range<usize>, mut q: Quantity, s: subject::SubjectParse) {
        let t = self.text;
        let span_end = s.end.max(figure.end);
        q.partitive = s.partitive;
        if let (Some(first), Some(last)) = (s.words.first(), s.words.last()) {
            q.subject = Some(super::Subject {
                text: t.slice(first.0, last.1).into(),
            });
        }
        q.key = subject::key_in(&t, &s, self.rules, &mut self.key_scratch);
        if self.merge_bounds(&figure, &mut q, span_end) {
            self.consumed = self.consumed.max(figure.end);
            return;
        }
        let sentence = self.sentence(figure.start);
        let paragraph = self.source.paragraph_of(figure.start);
        self.consumed = self.consumed.max(figure.end);
        self.out.claims.push(Claim {
            source: index32(self.id),
            span: Span::new(figure.start, span_end),
            figure: figure.into(),
            sentence: sentence.into(),
            paragraph: index32(paragraph),
            kind: ClaimKind::Quantity(Box::new(q)),
        });
    }
}

impl Core {
    /// A figure written in words from `start` to `end`.
    fn in_words(start: usize, end: usize, value: f64, fraction: bool) -> Core {
        Core {
            start,
            end,
            value,
            decimals: 0,
            words: true,
            separators: false,
            digits: 0,
            magnitude: 1.0,
            unit: Unit::Count,
            unit_id: None,
            fraction,
        }
    }

    fn words_have_scale(&self, t: &Text<'_>) -> bool {
        self.words && t.slice(self.start, self.end).contains([' ', '-'])
    }
}

/// The longest hedge phrase made of the words `words` (nearest the figure first) and
/// where it starts. Their lowercase forms are joined in text order into `joined`, so that
/// every candidate phrase is a suffix of one string (no allocation per candidate).
fn hedge_of(
    t: &Text<'_>,
    words: &[Tok],
    rules: &Rules,
    joined: &mut String,
    buf: &mut String,
) -> Option<(usize, Arc<str>)> {
    // Each word's start in `joined`, nearest word first, as the words are.
    let mut starts = [0usize; 8];
    if words.len() > starts.len() {
        return hedge_plain(t, words, rules);
    }
    joined.clear();
    for (k, tok) in words.iter().enumerate().rev() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        starts[k] = joined.len();
        joined.push_str(subject::lower(t, tok, buf));
    }
    // Longest phrase first: the phrase of the `n` nearest words starts where the `n`th
    // nearest word does.
    (0..words.len()).rev().find_map(|k| {
        let phrase = &joined[starts[k]..];
        rules.hedge(phrase).map(|_| (words[k].start, phrase.into()))
    })
}

/// [`hedge_of`] read plainly, every candidate phrase built on its own: for a rule set with
/// hedges of more words than [`hedge_of`] keeps starts for on the stack.
fn hedge_plain(t: &Text<'_>, words: &[Tok], rules: &Rules) -> Option<(usize, Arc<str>)> {
    let mut buf = String::new();
    for n in (1..=words.len()).rev() {
        let mut phrase = String::new();
        for tok in words[..n].iter().rev() {
            if !phrase.is_empty() {
                phrase.push(' ');
            }
            phrase.push_str(t.lower(tok, &mut buf));
        }
        if rules.hedge(&phrase).is_some() {
            return Some((words[n - 1].start, phrase.into()));
        }
    }
    None
}

/// Whether the text after an article ending at `end` may start a word [`Run::article`]
/// reads: a scale word (`hundred`, `thousand`, `million`, `billion`, `trillion`, `dozen`)
/// or a fraction's denominator (`half`, `third`, `quarter`, `fourth` to `tenth`,
/// `hundredth`, `thousandth`, and their plurals). `false` only when one space and an
/// ASCII letter follow (so the next token is a word starting there) and its first two
/// bytes, in lowercase, begin none of those words: exact, because both lookups take the
/// whole word (or its part before a hyphen) in ASCII, ignoring case, and none is shorter
/// than three letters. Most words after `a` fail here before any token is read.
fn article_may_lead(t: &Text<'_>, end: usize) -> bool {
    /// The first two letters of every word [`Run::article`] reads.
    const LEADS: [[u8; 2]; 15] = [
        *b"hu", *b"th", *b"mi", *b"bi", *b"tr", *b"do", *b"ha", *b"qu", *b"fo", *b"fi", *b"si",
        *b"se", *b"ei", *b"ni", *b"te",
    ];
    let (Some(&b' '), Some(&a)) = (t.b.get(end), t.b.get(end + 1)) else {
        return true;
    };
    if !a.is_ascii_alphabetic() {
        return true;
    }
    t.b.get(end + 2).is_some_and(|&b| {
        let lead = [a.to_ascii_lowercase(), b.to_ascii_lowercase()];
        LEADS.contains(&lead)
    })
}

/// The first hyphen-separated segment of a word token.
fn first_segment<'a>(t: &Text<'a>, tok: &Tok) -> &'a str {
    let w = t.slice(tok.start, tok.end);
    w.split('-').next().unwrap_or(w)
}

/// Whether a word token is a month name (`May` only when capitalised).
fn is_month_word(t: &Text<'_>, w: &Tok) -> bool {
    let s = t.slice(w.start, w.end);
    lexicon::month(s).is_some() && (s != "may" && s != "mar")
}

/// The end of a telephone number's digit groups from `i` (single spaces, dashes, dots
/// and brackets between groups).
fn phone_end(t: &Text<'_>, mut i: usize) -> usize {
    let mut end = i;
    while let Some(c) = t.char_at(i) {
        if c.is_ascii_digit() {
            i += 1;
            end = i;
        } else if matches!(c, '-' | ' ' | '.' | '(' | ')')
            && t.char_at(i + 1)
                .is_some_and(|n| n.is_ascii_digit() || n == '(')
        {
            i += 1;
        } else {
            break;
        }
    }
    end
}

/// The end of the letters and digits glued together from `i`.
fn alnum_end(t: &Text<'_>, mut i: usize) -> usize {
    while let Some(c) = t.char_at(i) {
        if c.is_alphanumeric()
            || (matches!(c, '-' | '.') && t.char_at(i + 1).is_some_and(|n| n.is_alphanumeric()))
        {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// The start of an identifier that ends in the digits at `i` (`MH17`, `F-35`).
fn ident_start(t: &Text<'_>, mut i: usize) -> usize {
    while let Some(c) = t.char_before(i) {
        if c.is_alphanumeric()
            || (matches!(c, '-' | '#') && t.char_before(i - 1).is_some_and(|p| p.is_alphanumeric()))
        {
            i -= c.len_utf8();
        } else if c == '#' {
            i -= 1;
            break;
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts of hedge words in any case, other words, digits and punctuation.
    fn texts() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "about",
            "About",
            "more",
            "than",
            "MORE THAN",
            "nearly",
            "as",
            "many",
            "up",
            "to",
            "at",
            "least",
            "At",
            "roughly",
            "some",
            "an",
            "estimated",
            "between",
            "fewer",
            "no",
            "é",
            "’",
            "'",
            "-",
            "~",
            " ",
            " ",
            " ",
            "\n",
            ",",
            "5",
            "troops",
        ]);
        prop::collection::vec(piece, 0..14).prop_map(|v| v.concat())
    }

    /// The words before `pos`, nearest first, as [`Run::hedge_before`] collects them.
    fn words_before(t: &Text<'_>, pos: usize, max: usize) -> Vec<Tok> {
        let mut words = Vec::new();
        let mut pos = pos;
        while words.len() < max {
            let tok = t.prev(pos);
            if tok.kind != Kind::Word {
                break;
            }
            words.push(tok);
            pos = tok.start;
        }
        words
    }

    /// Whether [`Run::article`] reads the word after an article ending at `end`, by the
    /// lookups it makes once it has the token.
    fn article_reads(t: &Text<'_>, end: usize) -> bool {
        let next = t.next(end);
        next.kind == Kind::Word
            && (matches!(
                lexicon::number_word(first_segment(t, &next)),
                Some(NumWord::Hundred | NumWord::Scale(_) | NumWord::Dozen)
            ) || lexicon::denominator(t.slice(next.start, next.end)).is_some())
    }

    /// What may follow an article: the words it reads, near misses, any case.
    fn after_article() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "hundred",
            "Thousand",
            "MILLION",
            "billion",
            "trillion",
            "dozen",
            "Dozens",
            "half",
            "halves",
            "Third",
            "quarters",
            "fourth",
            "fifth",
            "sixths",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "hundredth",
            "thousandths",
            "two",
            "few",
            "a",
            "h",
            "th",
            "é",
            "-",
            "’",
            " ",
            "\n",
            ",",
            "5",
            "s",
            "year",
            "second",
            "Hundred-",
        ]);
        prop::collection::vec(piece, 0..4).prop_map(|v| v.concat())
    }
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Candidate phrases read as suffixes of one string find what building each finds.
        #[test]
        fn hedge_of_matches_the_plain_rule(s in texts(), at in 0usize..120, extra in 0usize..4) {
            let r = Rules::shipped();
            let t = Text::new(&s);
            let pos = crate::source::floor_char_boundary(&s, at % (s.len() + 1));
            let words = words_before(&t, pos, r.max_hedge_words + extra);
            let (mut joined, mut buf) = (String::from("stale"), String::new());
            prop_assert_eq!(
                hedge_of(&t, &words, r, &mut joined, &mut buf),
                hedge_plain(&t, &words, r)
            );
        }

        /// A word rejected by its first two letters is never one an article reads.
        #[test]
        fn article_leads_reject_only_unread_words(
            article in prop::sample::select(vec!["a ", "an ", "a\n", "A  "]),
            rest in after_article(),
        ) {
            let s = format!("{article}{rest}");
            let t = Text::new(&s);
            let end = article.trim_end().len();
            prop_assert!(article_may_lead(&t, end) || !article_reads(&t, end));
        }

        /// A remembered token is the token found afresh.
        #[test]
        fn remembered_tokens_are_found_afresh(
            s in texts(),
            asks in prop::collection::vec(0usize..120, 1..24),
        ) {
            let t = Text::new(&s);
            let (mut prevs, mut nexts) = (TokMemo::default(), TokMemo::default());
            for at in asks {
                let pos = crate::source::floor_char_boundary(&s, at % (s.len() + 1));
                prop_assert_eq!(prevs.get(pos, |p| t.prev(p)), t.prev(pos));
                prop_assert_eq!(nexts.get(pos, |p| t.next(p)), t.next(pos));
            }
        }
    }
}

//! Direct quotations, in one pass over the quotation marks of a source.
//!
//! Straight (`"`) and curly (`“ ”`) marks are told apart from inch marks and misplaced
//! marks by what stands beside them. A quotation left open at the end of a paragraph
//! continues when the next paragraph opens with a quotation mark (the style that reopens a
//! quotation in each paragraph and closes it once). Its speaker is the name (or the pronoun,
//! resolved to the person named last) beside a speech verb after the quotation (`,” said
//! Doe`, `,” Doe said`, `,” she said`) or before it (`Doe said: “`); a quotation with
//! neither, right after another in the same paragraph, has the same speaker.

use std::ops::Range;

use super::scan::{Kind, Text};
use super::{Claim, ClaimKind, ClaimRef, EntityKind, Quote, sentence};
use super::{Span, index32};
use crate::entities::{NameRules, fold};
use crate::source::{Source, SourceId};

/// How far after a quotation its attribution may be, and before it, in words.
const ATTRIBUTION_WORDS: usize = 6;

/// Extract the quotations of one source. `names` are its name claims, in order;
/// `speaker_claim` indexes them.
pub fn extract(
    source: &Source,
    id: SourceId,
    scan: &str,
    rules: &NameRules,
    names: &[Claim],
) -> Vec<Claim> {
    let t = Text::new(scan);
    let b = t.b;
    let mut out: Vec<Claim> = Vec::new();
    // The open quotation: its opening mark, and the pieces read so far.
    let mut open: Option<(usize, Vec<Range<usize>>, usize)> = None; // (start, pieces, piece start)
    let mut i = 0;
    while let Some(off) = memchr::memchr2(b'"', 0xE2, &b[i..]) {
        let pos = i + off;
        i = pos + 1;
        let Some(c) = t.char_at(pos) else { break };
        if !matches!(c, '"' | '“' | '”') {
            continue;
        }
        let len = c.len_utf8();
        i = pos + len;
        let before = t.char_before(pos);
        let after = t.char_at(pos + len);
        let opens = before.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–'))
            && after.is_some_and(|a| !a.is_whitespace());
        let closes = after.is_none_or(|a| {
            a.is_whitespace() || a.is_ascii_punctuation() || matches!(a, '—' | '–' | '…')
        }) && before
            .is_some_and(|p| !p.is_whitespace() || after.is_none_or(char::is_whitespace));
        // An open quotation whose paragraph ended before this mark.
        if let Some((start, pieces, piece_start)) = &mut open
            && source.paragraph_of(pos) != source.paragraph_of(*piece_start)
        {
            let para_end = trim_end(
                &t,
                source
                    .paragraph_range(source.paragraph_of(*piece_start))
                    .end,
                *piece_start,
            );
            let continues = opens
                && c != '”'
                && source.paragraph_of(pos) == source.paragraph_of(*piece_start) + 1
                && t.skip_space(source.paragraph_range(source.paragraph_of(pos)).start)
                    == Some(pos);
            pieces.push(*piece_start..para_end.max(*piece_start));
            if continues {
                *piece_start = pos + len;
                continue;
            }
            let (start, pieces) = (*start, std::mem::take(pieces));
            open = None;
            push_quote(
                &t, source, id, start, para_end, pieces, rules, names, &mut out,
            );
        }
        match &mut open {
            None => {
                if opens && (c != '”' || !closes) {
                    open = Some((pos, Vec::new(), pos + len));
                }
            }
            Some((start, pieces, piece_start)) => {
                if closes || c == '”' {
                    pieces.push(*piece_start..pos);
                    let (start, pieces) = (*start, std::mem::take(pieces));
                    open = None;
                    push_quote(
                        &t,
                        source,
                        id,
                        start,
                        pos + len,
                        pieces,
                        rules,
                        names,
                        &mut out,
                    );
                }
            }
        }
    }
    if let Some((start, mut pieces, piece_start)) = open {
        let end = trim_end(
            &t,
            source
                .paragraph_range(source.paragraph_of(piece_start))
                .end
                .min(t.len()),
            piece_start,
        );
        pieces.push(piece_start..end.max(piece_start));
        push_quote(&t, source, id, start, end, pieces, rules, names, &mut out);
    }
    out
}

/// The end of the text before `end`, space trimmed, not before `floor`.
fn trim_end(t: &Text<'_>, end: usize, floor: usize) -> usize {
    let mut e = end.min(t.len());
    while e > floor && t.char_before(e).is_some_and(char::is_whitespace) {
        e -= t.char_before(e).map_or(1, char::len_utf8);
    }
    e
}

#[allow(clippy::too_many_arguments)]
fn push_quote(
    t: &Text<'_>,
    source: &Source,
    id: SourceId,
    start: usize,
    end: usize,
    pieces: Vec<Range<usize>>,
    rules: &NameRules,
    names: &[Claim],
    out: &mut Vec<Claim>,
) {
    // Room for every piece and a space between them, so the words are pushed without
    // the text growing.
    let room = pieces.iter().map(|p| p.len() + 1).sum();
    let mut text = String::with_capacity(room);
    for p in &pieces {
        for w in t.slice(p.start, p.end).split_whitespace() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(w);
        }
    }
    // A word or two without a full stop is a scare quote or a title, not a quotation.
    if text.split_whitespace().nth(2).is_none()
        && !text
            .trim_end_matches(['"', '”', '’', '\''])
            .ends_with(['.', '!', '?', ','])
    {
        return;
    }
    let para = source.paragraph_of(start);
    let last_piece_end = pieces.last().map_or(end, |p| p.end);
    let mut speaker = attribution_after(t, end, source, rules, names)
        .or_else(|| attribution_before(t, start, source, rules, names))
        .or_else(|| introduced_by_colon(t, start, source, names));
    // A quotation right after another in the paragraph, with no attribution of its own.
    if speaker.is_none()
        && let Some(prev) = out.last()
        && prev.paragraph() == para
        && let ClaimKind::Quote(q) = &prev.kind
        && q.speaker_claim.is_some()
    {
        speaker = q.speaker_claim.map(|c| (c.index(), None));
    }
    let (speaker_claim, pronoun_span) = match speaker {
        Some((c, p)) => (Some(c), p),
        None => (None, None),
    };
    let speaker_span = pronoun_span.or_else(|| speaker_claim.map(|c| names[c].span.range()));
    let speaker_text = speaker_span
        .as_ref()
        .map(|r| t.slice(r.start, r.end).into());
    let sent = sentence::sentence_at(t, start, source.paragraph_range(para));
    let _ = last_piece_end;
    out.push(Claim {
        source: index32(id),
        span: Span::new(start, end),
        figure: Span::new(start, end),
        sentence: sent.into(),
        paragraph: index32(para),
        kind: ClaimKind::Quote(Box::new(Quote {
            text: text.into_boxed_str(),
            pieces: pieces.into_iter().map(Span::from).collect(),
            speaker: speaker_text,
            speaker_span: speaker_span.map(Span::from),
            speaker_claim: speaker_claim.map(ClaimRef::new),
        })),
    });
}

/// The name claim that starts within `range`, if any.
fn name_at(names: &[Claim], range: Range<usize>) -> Option<usize> {
    let first = names.partition_point(|c| c.span.start() < range.start);
    names
        .get(first)
        .filter(|c| c.span.start() < range.end)
        .map(|_| first)
}

/// The person named last before `pos`, in this paragraph or the one before.
fn last_person(names: &[Claim], source: &Source, pos: usize) -> Option<usize> {
    let para = source.paragraph_of(pos);
    let upto = names.partition_point(|c| c.span.start() < pos);
    names[..upto].iter().rposition(|c| {
        c.paragraph() + 1 >= para
            && matches!(&c.kind, ClaimKind::Name(n) if n.kind == EntityKind::Person)
    })
}

fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they")
}

/// `,” said Doe`, `,” Doe said`, `,” she said`, `,” the minister, Jane Doe, said`.
fn attribution_after(
    t: &Text<'_>,
    end: usize,
    source: &Source,
    rules: &NameRules,
    names: &[Claim],
) -> Option<(usize, Option<Range<usize>>)> {
    let mut pos = end;
    let mut verb = false;
    let mut pronoun: Option<Range<usize>> = None;
    let mut name: Option<usize> = None;
    let mut words = 0;
    loop {
        let tok = t.next(pos);
        match tok.kind {
            Kind::Word => {
                words += 1;
                if words > ATTRIBUTION_WORDS {
                    break;
                }
                let w = fold(t.slice(tok.start, tok.end));
                if rules.speech_verbs.contains(&w) {
                    verb = true;
                } else if is_pronoun(&w) && name.is_none() && pronoun.is_none() {
                    pronoun = Some(tok.start..tok.end);
                } else if name.is_none()
                    && let Some(n) = name_at(names, tok.start..tok.end)
                {
                    name = Some(n);
                }
                if verb && (name.is_some() || pronoun.is_some()) {
                    break;
                }
            }
            Kind::Punct(',') if words == 0 || name.is_some() => {}
            Kind::Punct(c) if words == 0 && !matches!(c, '.' | '!' | '?') => {}
            _ => break,
        }
        pos = tok.end.max(pos + 1);
    }
    if !verb {
        return None;
    }
    if let Some(n) = name {
        return Some((n, None));
    }
    let p = pronoun?;
    last_person(names, source, p.start).map(|n| (n, Some(p)))
}

/// `Doe said: “`, `Doe told reporters, “`: a speech verb and a name before the quotation,
/// in its sentence.
fn attribution_before(
    t: &Text<'_>,
    start: usize,
    source: &Source,
    rules: &NameRules,
    names: &[Claim],
) -> Option<(usize, Option<Range<usize>>)> {
    let mut pos = start;
    let mut verb = false;
    let mut words = 0;
    loop {
        let tok = t.prev(pos);
        match tok.kind {
            Kind::Word => {
                words += 1;
                if words > ATTRIBUTION_WORDS {
                    return None;
                }
                let w = fold(t.slice(tok.start, tok.end));
                if rules.speech_verbs.contains(&w) {
                    verb = true;
                } else if verb {
                    if let Some(n) = name_at(names, tok.start..tok.end) {
                        // The full name when the word ends one.
                        let full = names[..=n]
                            .iter()
                            .rposition(|c| c.span.start() <= tok.start && c.span.end() >= tok.end)
                            .unwrap_or(n);
                        return Some((full, None));
                    }
                    if is_pronoun(&w) {
                        return last_person(names, source, tok.start)
                            .map(|n| (n, Some(tok.start..tok.end)));
                    }
                }
            }
            Kind::Punct(',' | ':') => {}
            _ => return None,
        }
        pos = tok.start;
        if pos == 0 {
            return None;
        }
    }
}

/// `Jane Doe, the minister, disagreed: “`: after a colon, the person named last in the
/// sentence.
fn introduced_by_colon(
    t: &Text<'_>,
    start: usize,
    source: &Source,
    names: &[Claim],
) -> Option<(usize, Option<Range<usize>>)> {
    if !t.prev(start).is_punct(':') {
        return None;
    }
    let para = source.paragraph_of(start);
    let sent = sentence::sentence_at(t, start.saturating_sub(1), source.paragraph_range(para));
    let upto = names.partition_point(|c| c.span.start() < start);
    names[..upto]
        .iter()
        .rposition(|c| {
            c.span.start() >= sent.start
                && matches!(&c.kind, ClaimKind::Name(n) if n.kind == EntityKind::Person)
        })
        .map(|n| (n, None))
}

#[cfg(test)]
mod tests {
    use crate::extract::{ClaimKind, extract_text};
    use crate::rules::Rules;

    fn quotes(text: &str) -> Vec<(String, Option<String>)> {
        let rules = Rules::builtin().unwrap();
        let claims = extract_text(text, &rules).claims;
        claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Quote(q) => Some((
                    q.text.to_string(),
                    q.speaker_claim
                        .and_then(|s| claims[s.index()].name().map(|n| n.text.to_string())),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn curly_and_straight_with_speakers() {
        let q = quotes("Jane Doe spoke. “We will stay the course,” said Doe.");
        assert_eq!(
            q,
            vec![("We will stay the course,".into(), Some("Doe".into()))]
        );
        let q = quotes("Minister Jane Doe said: \"We will stay the course.\"");
        assert_eq!(q[0].0, "We will stay the course.");
        assert_eq!(q[0].1.as_deref(), Some("Jane Doe"));
        let q = quotes("Jane Doe was there. \"Nothing has changed,\" she said.");
        assert_eq!(q[0].1.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn continued_across_paragraphs() {
        let text = "Jane Doe said: “The first part goes on.\n\n“And the second part ends it.”\n";
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].0,
            "The first part goes on. And the second part ends it."
        );
    }

    #[test]
    fn inch_marks_and_scare_quotes_are_not_quotations() {
        assert!(quotes("A 6\" pipe and a 4\" one.").is_empty());
        assert!(quotes("They call it “Operation Impact” now.").is_empty());
    }
}

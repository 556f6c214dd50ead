//! `quote-drift`: one quotation reproduced with different words.

use foldhash::{HashMap, HashMapExt};

use similar::{ChangeTag, TextDiff};

use super::{Check, CheckInfo, Context, Finding, Label, Severity};

pub struct QuoteDrift;

/// How alike two quotations' words must be to be one quotation (similar's ratio).
const SAME_QUOTE: f32 = 0.6;
/// Words of unchanged text kept on each side of a change in the help's diff.
const CONTEXT_WORDS: usize = 3;
/// The most characters of a quotation shown in a label.
const LABEL_CHARS: usize = 48;

static INFO: CheckInfo = CheckInfo {
    code: "F004",
    name: "quote-drift",
    group: "quotes",
    default_severity: Severity::Warning,
    summary: "one quotation is reproduced with different words",
    doc: "\
Finds a direct quotation, attributed to the same speaker, that is reproduced with different
words: across sources (a wire story and the drafts that reuse it) or within one. A quotation
must be word for word.

Quotations are read in straight and curly quotation marks, continued across paragraphs in
the style that reopens the quotation in each paragraph. The speaker is the name (or pronoun)
beside a speech verb (`said`, `told`, `explained` ...); mentions of one person under
different spellings are one speaker. Two quotations of a speaker are compared when their
words are alike (a similar ratio of at least 0.6); the help shows a word-level diff, with
`[-removed-]` and `{+added+}` words.

Legitimate editing is not drift: an ellipsis (`...` or `…`) or a bracketed insertion
(`[the minister]`) standing for words, a quotation that is shortened (a part of the other,
its end cut), and differences only in punctuation or capitalisation. A contraction (`we
are` / `we're`) and a changed word are drift.

## Example

    a.md: “We are committed to a stable Iraq,” said Harjit Sajjan.
    b.md: “We're committed to a stable Iraq,” said Harjit Sajjan.

reports the two quotations, with `[-We are-] {+We're+} committed to ...` in the help.

## Example that stays silent

    a.md: “We are committed to a stable Iraq and to its people,” said Harjit Sajjan.
    b.md: “We are committed to a stable Iraq … ,” said Harjit Sajjan.
",
};

/// A word of a quotation, for comparison: lowercased, edge punctuation removed; or a gap
/// (an ellipsis or a bracketed insertion) that stands for any words.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    Gap,
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        // A bracketed insertion stands for the words it replaces.
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').map_or(after.len(), |i| i + 1);
            out.push(Tok::Gap);
            rest = &after[end.min(after.len())..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c == '…' || rest.starts_with("...") {
            if out.last() != Some(&Tok::Gap) {
                out.push(Tok::Gap);
            }
            rest = rest.trim_start_matches(['.', '…']);
            continue;
        }
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let end = rest
            .find(|ch: char| ch.is_whitespace() || ch == '[' || ch == '…')
            .unwrap_or(rest.len());
        let end = match rest[..end].find("...") {
            Some(i) if i > 0 => i,
            _ => end,
        };
        let word: String = rest[..end]
            .trim_matches(|ch: char| !ch.is_alphanumeric())
            .chars()
            .map(|ch| if ch == '’' || ch == '‘' { '\'' } else { ch })
            .flat_map(char::to_lowercase)
            .collect();
        if !word.is_empty() {
            out.push(Tok::Word(word));
        }
        rest = &rest[end.max(1).min(rest.len())..];
    }
    out
}

/// Whether `pattern` (with gaps) matches a run of consecutive words of `words`: the
/// quotation is the other, shortened, with ellipses and insertions allowed.
fn fits(pattern: &[Tok], words: &[Tok]) -> bool {
    let n = words.len();
    // reach[j]: the pattern read so far can end just before word j.
    let mut reach = vec![true; n + 1];
    for p in pattern {
        let mut next = vec![false; n + 1];
        match p {
            Tok::Gap => {
                let mut any = false;
                for j in 0..=n {
                    any |= reach[j];
                    next[j] = any;
                }
            }
            Tok::Word(w) => {
                for j in 0..n {
                    if reach[j] && words[j] == Tok::Word(w.clone()) {
                        next[j + 1] = true;
                    }
                }
            }
        }
        reach = next;
        if !reach.iter().any(|&r| r) {
            return false;
        }
    }
    true
}

fn words_only(toks: &[Tok]) -> Vec<&str> {
    toks.iter()
        .filter_map(|t| match t {
            Tok::Word(w) => Some(w.as_str()),
            Tok::Gap => None,
        })
        .collect()
}

/// The word-level diff of two quotations for the help: unchanged runs shortened.
pub fn word_diff(a: &str, b: &str) -> String {
    // Punctuation at the end is not part of the wording.
    fn edge(s: &str) -> &str {
        s.trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
    }
    let diff = TextDiff::from_words(edge(a), edge(b));
    let mut parts: Vec<(ChangeTag, String)> = Vec::new();
    for ch in diff.iter_all_changes() {
        let v = ch.value();
        match parts.last_mut() {
            Some((tag, s)) if *tag == ch.tag() => s.push_str(v),
            _ => parts.push((ch.tag(), v.to_string())),
        }
    }
    let mut out = String::new();
    let last = parts.len().saturating_sub(1);
    for (i, (tag, s)) in parts.iter().enumerate() {
        match tag {
            ChangeTag::Equal => {
                let words: Vec<&str> = s.split_whitespace().collect();
                let keep_head = if i == last { CONTEXT_WORDS } else { 0 };
                let keep_tail = if i == 0 { CONTEXT_WORDS } else { 0 };
                let (head, tail) = if i == 0 || i == last {
                    (keep_head, keep_tail)
                } else {
                    (CONTEXT_WORDS, CONTEXT_WORDS)
                };
                if words.len() > head + tail + 1 {
                    let mut seg = words[..head].join(" ");
                    if !seg.is_empty() {
                        seg.push(' ');
                    }
                    seg.push('…');
                    let t = words[words.len() - tail..].join(" ");
                    if !t.is_empty() {
                        seg.push(' ');
                        seg.push_str(&t);
                    }
                    push_spaced(&mut out, &seg);
                } else {
                    push_spaced(&mut out, &words.join(" "));
                }
            }
            ChangeTag::Delete => push_spaced(&mut out, &format!("[-{}-]", s.trim())),
            ChangeTag::Insert => push_spaced(&mut out, &format!("{{+{}+}}", s.trim())),
        }
    }
    out
}

fn push_spaced(out: &mut String, s: &str) {
    if s.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(s);
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= LABEL_CHARS {
        return s.to_string();
    }
    let cut: String = s.chars().take(LABEL_CHARS).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(a, _)| a)
        .to_string();
    format!("{cut} …")
}

impl Check for QuoteDrift {
    fn info(&self) -> &'static CheckInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let entities = cx.entities();
        // Quotations by speaker.
        let mut by_speaker: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, c) in cx.claims.iter().enumerate() {
            let Some(q) = c.quote() else { continue };
            let Some(e) = q.speaker_claim.and_then(|s| entities.of_claim.get(&s)) else {
                continue;
            };
            by_speaker.entry(*e).or_default().push(i);
        }
        let mut speakers: Vec<usize> = by_speaker.keys().copied().collect();
        speakers.sort_unstable();
        for e in speakers {
            let quotes = &by_speaker[&e];
            let toks: Vec<Vec<Tok>> = quotes
                .iter()
                .map(|&i| tokens(cx.claims[i].quote().map_or("", |q| q.text.as_str())))
                .collect();
            // Distinct wordings, each with its quotations.
            let mut wordings: Vec<(usize, Vec<usize>)> = Vec::new(); // (index in quotes, claims)
            for (k, &i) in quotes.iter().enumerate() {
                match wordings.iter_mut().find(|(w, _)| toks[*w] == toks[k]) {
                    Some((_, list)) => list.push(i),
                    None => wordings.push((k, vec![i])),
                }
            }
            for x in 0..wordings.len() {
                for y in x + 1..wordings.len() {
                    let (a, b) = (wordings[x].0, wordings[y].0);
                    if fits(&toks[a], &toks[b]) || fits(&toks[b], &toks[a]) {
                        continue;
                    }
                    let (wa, wb) = (words_only(&toks[a]), words_only(&toks[b]));
                    let ratio = TextDiff::from_slices(&wa, &wb).ratio();
                    if ratio < SAME_QUOTE {
                        continue;
                    }
                    out.push(finding(cx, e, &wordings[x].1, &wordings[y].1));
                }
            }
        }
    }
}

fn finding(cx: &Context<'_>, entity: usize, first: &[usize], second: &[usize]) -> Finding {
    let text = |i: usize| cx.claims[i].quote().map_or("", |q| q.text.as_str());
    let group = &cx.entities().groups[entity];
    let speaker = group
        .majority()
        .map(|s| s.text.as_str())
        .unwrap_or(group.spellings[0].text.as_str());
    let mut labels: Vec<Label> = Vec::new();
    for &i in first.iter().chain(second) {
        labels.push(cx.label(i, format!("quoted as “{}”", shorten(text(i)))));
    }
    let (a, b) = (first[0], second[0]);
    let (pa, pb) = (
        &cx.sources[cx.claims[a].source].path,
        &cx.sources[cx.claims[b].source].path,
    );
    Finding {
        check: &INFO,
        severity: Severity::Warning,
        message: format!("a quotation of `{speaker}` is reproduced with different words"),
        labels,
        help: Some(format!(
            "words differ from {pa} to {pb}: {}; a quotation must be word for word (mark cuts with … and insertions with [ ])",
            word_diff(text(a), text(b))
        )),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        let (ta, tb) = (tokens(a), tokens(b));
        ta == tb || fits(&ta, &tb) || fits(&tb, &ta)
    }

    #[test]
    fn legitimate_editing() {
        assert!(same("We are committed to it.", "we are committed to it"));
        assert!(same(
            "We are committed … to it",
            "We are committed to Iraq and to it"
        ));
        assert!(same("[The minister] is committed", "He is committed"));
        assert!(same("We are committed", "We are committed to helping"));
        assert!(!same("We are committed", "We're committed"));
        assert!(!same("We are committed to it", "We are dedicated to it"));
    }

    #[test]
    fn the_diff_shows_changed_words() {
        assert_eq!(
            word_diff("We are committed to it", "We're committed to it"),
            "[-We are-] {+We're+} committed to it"
        );
    }
}

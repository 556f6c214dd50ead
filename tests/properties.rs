//! Property tests: the parts that read untrusted text never panic, and what they return
//! stays inside the text.

use crosscheck::extract::Extractor;
use crosscheck::rules::Rules;
use crosscheck::source::{Source, SourceKind};
use proptest::prelude::*;

fn news_like() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "around ",
        "more than ",
        "between ",
        " and ",
        " to ",
        "-",
        "–",
        "a similar number of ",
        "5,200",
        "1.5",
        "200,000",
        "$",
        "US$",
        "C$",
        "€",
        "£",
        "%",
        " per cent",
        " million",
        "bn",
        "k",
        "fifty-seven",
        "Fifty",
        "two hundred and thirty",
        "a dozen",
        "dozens of ",
        "Flight 370",
        "A320neo",
        "COVID-19",
        "7:45 p.m.",
        "19th",
        "3 of 12",
        "1990s",
        "March 4, 2019",
        "2019-03-04",
        " troops",
        " American soldiers",
        " in Iraq",
        " people",
        " killed",
        ". ",
        "\n",
        "\n\n",
        "# ",
        "```",
        "`",
        "[x](http://a/1)",
        "<!-- 5 -->",
        "---\n",
        "date: 2020-01-15\n",
        "é",
        "’s",
        "\r\n",
        "\r",
        "\t",
        "~",
        "(",
        ")",
        "\"",
        "one",
        "one of",
        "the 12 of the 40",
        "3-1 win",
        "No. 5",
        "#4",
        "½",
        "٣",
        "\u{feff}",
    ]);
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().unwrap())
}

fn check_extraction(text: String, kind: SourceKind) {
    let rules = rules();
    let source = Source::new("p", text.clone(), kind);
    assert_eq!(source.scan_text().len(), text.len());
    let out = Extractor::new(rules).extract(&source, 0, rules);
    for c in &out.claims {
        assert!(c.span.start() <= c.span.end() && c.span.end() <= text.len());
        assert!(text.is_char_boundary(c.span.start()) && text.is_char_boundary(c.span.end()));
        assert!(c.sentence.end() <= text.len());
        assert!(
            text.is_char_boundary(c.sentence.start()) && text.is_char_boundary(c.sentence.end())
        );
        if let Some(q) = c.quantity() {
            assert!(q.low <= q.high, "{q:?}");
            assert!(!q.low.is_nan() && !q.high.is_nan() && !q.value.is_nan());
        }
        if let Some(d) = c.duration() {
            assert!(d.low <= d.high, "{d:?}");
            assert!(!d.low.is_nan() && !d.high.is_nan() && !d.value.is_nan());
        }
        if let Some(d) = c.date()
            && let (Some(f), Some(l)) = (d.first, d.last)
        {
            assert!(f <= l, "{d:?}");
        }
    }
    for s in &out.set_aside {
        assert!(s.span.end <= text.len() && text.is_char_boundary(s.span.start));
    }
    let a = crosscheck::analyze(vec![source], rules);
    let _ = crosscheck::report::render_human(&a, crosscheck::report::Style { color: false });
    let _ = crosscheck::report::json::render(&a);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check_extraction(text.clone(), SourceKind::Text);
        check_extraction(text, SourceKind::Markdown);
    }

    #[test]
    fn news_like_text_never_panics(text in news_like()) {
        check_extraction(text.clone(), SourceKind::Text);
        check_extraction(text, SourceKind::Markdown);
    }

    #[test]
    fn reports_of_two_news_like_sources_never_panic(a in news_like(), b in news_like()) {
        let rules = rules();
        let sources = vec![
            Source::new("a.md", a, SourceKind::Markdown),
            Source::new("b.txt", b, SourceKind::Text),
        ];
        let analysis = crosscheck::analyze(sources, rules);
        let human = crosscheck::report::render_human(&analysis, crosscheck::report::Style { color: false });
        prop_assert!(human.ends_with('\n'));
        let json: serde_json::Value = serde_json::from_str(&crosscheck::report::json::render(&analysis)).unwrap();
        prop_assert_eq!(json["version"].as_u64(), Some(1));
    }
}

/// Text built from the words that tie figures together (lists, totals, shares, changes,
/// multiples), so that the frame pass and the arithmetic checks meet their edge cases.
fn frame_like() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "57",
        "41",
        "12",
        "three",
        "one ",
        "a second ",
        "11 more",
        "another ",
        "0",
        "0.5",
        "40%",
        "3.9%",
        "35 per cent",
        " points",
        " percentage points",
        " victims",
        " Britons",
        " people",
        " of the ",
        " out of ",
        "Of the ",
        " among the ",
        ", ",
        " and ",
        " were ",
        ": ",
        "including ",
        "such as ",
        "at least ",
        "All ",
        "a total of ",
        " in all",
        " rose ",
        " fell ",
        "up ",
        "down ",
        " from ",
        " to ",
        " by ",
        "an increase of ",
        "a third of the ",
        "half of the ",
        "twice as many as ",
        "three times more than ",
        "tripled ",
        "halved ",
        "more than doubled ",
        " million",
        "(",
        ")",
        " or ",
        ". ",
        "\n\n",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn frames_point_at_claims_and_checks_never_panic(a in frame_like(), b in frame_like()) {
        let sources = vec![
            Source::new("a.md", a, SourceKind::Markdown),
            Source::new("b.md", b, SourceKind::Markdown),
        ];
        let analysis = crosscheck::analyze(sources, rules());
        let n = analysis.claims.len();
        for f in &mut analysis.frames.clone() {
            for i in f.claims_mut() {
                prop_assert!(*i < n, "{f:?} points past {n} claims");
            }
        }
        for (i, c) in analysis.claims.iter().enumerate() {
            if let Some(q) = c.quantity() {
                prop_assert!(q.part_of.is_none_or(|p| p.index() < n && p.index() != i), "{q:?}");
                prop_assert!(q.frame.is_none_or(|f| (f as usize) < analysis.frames.len()));
                prop_assert!(q.low <= q.high, "{q:?}");
            }
        }
        for f in &analysis.findings {
            prop_assert!(f.help.as_deref().is_some_and(|h| !h.is_empty()));
            for l in &f.labels {
                let text = &analysis.sources[l.source].text();
                prop_assert!(l.span.end <= text.len() && text.is_char_boundary(l.span.start));
            }
        }
    }
}

proptest! {
    /// Columns from the line index (with its checkpoints on long lines) are the number of
    /// characters from the line's start, on any text, with lines long and short.
    #[test]
    fn columns_match_a_plain_count(
        parts in prop::collection::vec(
            prop_oneof![
                Just("\n".to_string()),
                Just("\r\n".to_string()),
                Just("\r".to_string()),
                "[a-zé€ ]{0,40}",
                "[x]{3000,9000}",
                "[é€]{1000,3000}",
            ],
            0..12,
        ),
        bom in any::<bool>(),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..20),
    ) {
        let text = format!("{}{}", if bom { "\u{feff}" } else { "" }, parts.concat());
        let index = crosscheck::source::LineIndex::new(&text);
        for pick in picks {
            let offset = crosscheck::source::floor_char_boundary(&text, pick.index(text.len() + 1));
            let (line, col) = index.line_col(&text, offset);
            let start = index.line_start(line - 1);
            let start = if start == 0 && text.starts_with('\u{feff}') { 3.min(offset) } else { start };
            prop_assert_eq!(col, text[start..offset].chars().count() + 1);
        }
    }
}

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
        assert!(c.span.start <= c.span.end && c.span.end <= text.len());
        assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
        assert!(c.sentence.end <= text.len());
        assert!(text.is_char_boundary(c.sentence.start) && text.is_char_boundary(c.sentence.end));
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

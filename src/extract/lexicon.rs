//! The closed word classes of English that extraction needs: number words, months,
//! weekdays, abbreviations. Open vocabularies (hedges, subjects, identifiers) are rules.

/// What a number word contributes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumWord {
    /// zero to nineteen.
    Small(f64),
    /// twenty, thirty ... ninety.
    Tens(f64),
    /// hundred.
    Hundred,
    /// thousand, million, billion, trillion.
    Scale(f64),
    /// dozen (12).
    Dozen,
}

/// Every number word, for the trigger automaton.
pub const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
];

/// Calls `f` with `w` in ASCII lowercase, without a heap allocation; `None` for a word
/// longer than any in these lists or with a non-ASCII letter (no listed word has one).
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> Option<R>) -> Option<R> {
    const MAX: usize = 16;
    if w.len() > MAX || !w.is_ascii() {
        return None;
    }
    // Already lowercase, the common case: no copy.
    if !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(w);
    }
    let mut buf = [0u8; MAX];
    buf[..w.len()].copy_from_slice(w.as_bytes());
    buf[..w.len()].make_ascii_lowercase();
    f(std::str::from_utf8(&buf[..w.len()]).ok()?)
}

/// The number word `w` (any case), if it is one.
pub fn number_word(w: &str) -> Option<NumWord> {
    if w.len() > 9 || w.len() < 3 {
        return None;
    }
    with_lower(w, number_word_lower)
}

fn number_word_lower(lw: &str) -> Option<NumWord> {
    use NumWord::*;
    Some(match lw {
        "zero" => Small(0.0),
        "one" => Small(1.0),
        "two" => Small(2.0),
        "three" => Small(3.0),
        "four" => Small(4.0),
        "five" => Small(5.0),
        "six" => Small(6.0),
        "seven" => Small(7.0),
        "eight" => Small(8.0),
        "nine" => Small(9.0),
        "ten" => Small(10.0),
        "eleven" => Small(11.0),
        "twelve" => Small(12.0),
        "thirteen" => Small(13.0),
        "fourteen" => Small(14.0),
        "fifteen" => Small(15.0),
        "sixteen" => Small(16.0),
        "seventeen" => Small(17.0),
        "eighteen" => Small(18.0),
        "nineteen" => Small(19.0),
        "twenty" => Tens(20.0),
        "thirty" => Tens(30.0),
        "forty" => Tens(40.0),
        "fifty" => Tens(50.0),
        "sixty" => Tens(60.0),
        "seventy" => Tens(70.0),
        "eighty" => Tens(80.0),
        "ninety" => Tens(90.0),
        "hundred" => Hundred,
        "thousand" => Scale(1e3),
        "million" => Scale(1e6),
        "billion" => Scale(1e9),
        "trillion" => Scale(1e12),
        "dozen" | "dozens" => Dozen,
        _ => return None,
    })
}

/// Words that may start a share on their own (`half of`, `quarter million`).
pub const SHARE_WORDS: &[&str] = &["half", "quarter"];

/// A fraction's denominator word (`third`, `quarters`, any case): its value and whether
/// it is plural (`two thirds`) or singular (`one third`, `a half`).
pub fn denominator(w: &str) -> Option<(f64, bool)> {
    with_lower(w, denominator_lower)
}

fn denominator_lower(lw: &str) -> Option<(f64, bool)> {
    let (stem, plural) = match lw {
        "halves" => return Some((2.0, true)),
        "half" => return Some((2.0, false)),
        _ => match lw.strip_suffix('s') {
            Some(stem) => (stem, true),
            None => (lw, false),
        },
    };
    let d = match stem {
        "third" => 3.0,
        "quarter" | "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "hundredth" => 100.0,
        "thousandth" => 1000.0,
        _ => return None,
    };
    Some((d, plural))
}

/// A magnitude written after digits: `1.5 million`, `2.2bn`, `25k`.
pub fn magnitude_word(w: &str) -> Option<f64> {
    with_lower(w, |lw| {
        Some(match lw {
            "dozen" | "dozens" => 12.0,
            "hundred" => 1e2,
            "thousand" | "k" => 1e3,
            "million" | "mn" | "mln" | "m" => 1e6,
            "billion" | "bn" | "bln" | "b" => 1e9,
            "trillion" | "tn" | "tln" | "t" => 1e12,
            _ => return None,
        })
    })
}

/// Month number (1-12) of a month name or abbreviation (`Mar`, `Sept`), any case.
pub fn month(w: &str) -> Option<u8> {
    with_lower(w, month_lower)
}

/// [`month`] of a word already in lowercase (the names pass holds its words so).
pub fn month_lower(lw: &str) -> Option<u8> {
    Some(match lw {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Weekday number (Monday = 1) of a weekday name or abbreviation.
pub fn weekday(w: &str) -> Option<u8> {
    with_lower(w, weekday_lower)
}

/// [`weekday`] of a word already in lowercase.
pub fn weekday_lower(lw: &str) -> Option<u8> {
    Some(match lw {
        "monday" | "mon" => 1,
        "tuesday" | "tue" | "tues" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thu" | "thur" | "thurs" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

/// Words after which a full stop does not end a sentence.
pub fn is_abbreviation(w: &str) -> bool {
    w.len() <= LONGEST_ABBREVIATION
        && with_lower(w, |lw| Some(is_abbreviation_lower(lw))).unwrap_or(false)
}

/// The words of [`is_abbreviation`], lowercased and without their final full stop, given
/// once: the macro writes the `match` that looks them up and the list their length is
/// measured on, so [`LONGEST_ABBREVIATION`] cannot fall out of step with them.
macro_rules! abbreviations {
    ($($w:literal)|+) => {
        fn is_abbreviation_lower(lw: &str) -> bool {
            matches!(lw, $($w)|+)
        }

        const ABBREVIATIONS: &[&str] = &[$($w),+];
    };
}

abbreviations!(
    "mr" | "mrs"
        | "ms"
        | "dr"
        | "st"
        | "lt"
        | "gen"
        | "maj"
        | "col"
        | "sgt"
        | "capt"
        | "cpl"
        | "pte"
        | "adm"
        | "cmdr"
        | "gov"
        | "sen"
        | "rep"
        | "rev"
        | "prof"
        | "hon"
        | "pres"
        | "supt"
        | "insp"
        | "det"
        | "jan"
        | "feb"
        | "mar"
        | "apr"
        | "jun"
        | "jul"
        | "aug"
        | "sep"
        | "sept"
        | "oct"
        | "nov"
        | "dec"
        | "mon"
        | "tue"
        | "tues"
        | "wed"
        | "thu"
        | "thur"
        | "thurs"
        | "fri"
        | "sat"
        | "sun"
        | "no"
        | "nos"
        | "vs"
        | "etc"
        | "inc"
        | "ltd"
        | "co"
        | "corp"
        | "jr"
        | "sr"
        | "mt"
        | "ft"
        | "approx"
        | "est"
        | "dept"
        | "univ"
        | "assn"
        | "bros"
        | "ave"
        | "blvd"
        | "rd"
        | "fig"
        | "vol"
        | "p"
        | "pp"
        | "e.g"
        | "i.e"
        | "a.m"
        | "p.m"
        | "u.s"
        | "u.k"
        | "u.n"
        | "e.u"
);

/// The length of the longest word in [`is_abbreviation`]'s list (`approx`): a longer word
/// is none, which lets a sentence search skip looking for where a long word starts.
pub const LONGEST_ABBREVIATION: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The length guard in front of the lookup lets every listed word through, with or
    /// without capitals, and the longest one is as long as the guard allows.
    #[test]
    fn every_abbreviation_passes_the_length_guard() {
        for w in ABBREVIATIONS {
            assert!(is_abbreviation(w), "{w}");
            assert!(is_abbreviation(&w.to_uppercase()), "{w}");
        }
        assert!(
            ABBREVIATIONS
                .iter()
                .any(|w| w.len() == LONGEST_ABBREVIATION)
        );
        assert!(!is_abbreviation("approxx"));
    }
}

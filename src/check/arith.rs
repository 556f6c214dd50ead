//! Arithmetic shared by the checks that recompute what a text states (shares, changes,
//! multiples): what a stated figure allows, and ratios of intervals.

use super::Interval;
use crate::extract::{Quantity, Unit};

/// The size of the last digit of a figure as written: 1 for `35`, 0.1 for `3.5`.
pub fn last_digit(x: f64) -> f64 {
    let s = format!("{}", x.abs());
    match s.split_once('.') {
        Some((_, f)) => 10f64.powi(-(f.len().min(9) as i32)),
        None => 1.0,
    }
}

/// What a stated figure allows. A hedged or ranged figure keeps its interval. A point
/// stated as a percentage or with decimals was rounded at its last digit, so it allows half
/// a unit either way (`35%` is anything from 34.5% to 35.5%). A whole count is exact.
pub fn stated(q: &Quantity) -> Interval {
    let rounded =
        matches!(q.unit, Unit::Percent | Unit::PercentagePoints) || q.value.fract() != 0.0;
    if rounded {
        stated_rounded(q)
    } else {
        Interval::of(q)
    }
}

/// What a stated figure allows when it is known to be rounded, whole numbers included
/// (`3 points` is 2.5 to 3.5 points).
pub fn stated_rounded(q: &Quantity) -> Interval {
    let iv = Interval::of(q);
    if !iv.is_point() {
        return iv;
    }
    let u = last_digit(q.value);
    Interval {
        low: q.value - u / 2.0,
        high: q.value + u / 2.0,
    }
}

/// `a / b` for intervals with `b` above zero; `None` otherwise.
pub fn ratio(a: Interval, b: Interval) -> Option<Interval> {
    if b.low <= 0.0 || a.low < 0.0 || !b.high.is_finite() || !a.high.is_finite() {
        return None;
    }
    Some(Interval {
        low: a.low / b.high,
        high: a.high / b.low,
    })
}

/// An interval scaled by a factor (a negative one swaps the ends).
pub fn scale(a: Interval, k: f64) -> Interval {
    let (x, y) = (a.low * k, a.high * k);
    Interval {
        low: x.min(y),
        high: x.max(y),
    }
}

/// An interval shifted by `d`.
pub fn shift(a: Interval, d: f64) -> Interval {
    Interval {
        low: a.low + d,
        high: a.high + d,
    }
}

/// `a - b` for intervals.
pub fn minus(a: Interval, b: Interval) -> Interval {
    Interval {
        low: a.low - b.high,
        high: a.high - b.low,
    }
}

/// A figure for a help line, rounded to at most `decimals` places: `25`, `7.69`.
pub fn fmt_round(x: f64, decimals: i32) -> String {
    let k = 10f64.powi(decimals);
    super::fmt_number((x * k).round() / k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_figures_allow_rounding_and_truncation() {
        let q = Quantity {
            value: 35.0,
            low: 35.0,
            high: 35.0,
            unit: Unit::Percent,
            ..Quantity::default()
        };
        let iv = stated(&q);
        assert_eq!((iv.low, iv.high), (34.5, 35.5));
        let q = Quantity {
            value: 3.9,
            low: 3.9,
            high: 3.9,
            ..Quantity::default()
        };
        let iv = stated(&q);
        assert!((iv.low - 3.85).abs() < 1e-9 && (iv.high - 3.95).abs() < 1e-9);
        let q = Quantity {
            value: 120.0,
            low: 120.0,
            high: 120.0,
            ..Quantity::default()
        };
        assert!(stated(&q).is_point());
        assert_eq!(stated_rounded(&q).low, 119.5);
        let iv = scale(
            Interval {
                low: 1.0,
                high: 2.0,
            },
            -1.0,
        );
        assert_eq!((iv.low, iv.high), (-2.0, -1.0));
    }

    #[test]
    fn ratios_need_a_positive_divisor() {
        let a = Interval {
            low: 12.0,
            high: 12.0,
        };
        let b = Interval {
            low: 40.0,
            high: 40.0,
        };
        assert_eq!(ratio(a, b).map(|r| r.low), Some(0.3));
        assert!(
            ratio(
                a,
                Interval {
                    low: 0.0,
                    high: 1.0
                }
            )
            .is_none()
        );
    }
}

//! A deterministic, seeded generator of news-like drafts, for benchmarks and scale tests.
//!
//! Each document reads like a wire story: a dated front matter, a headline, and paragraphs
//! of prose that carry figures (digits, words, hedges, ranges, money, percentages), names,
//! dates and quotes. The density of figures (about one number token per 200 bytes) is a
//! little above that of real wire copy (about one per 350 bytes), so the checks have more,
//! not less, to do than on real news. Subjects repeat across documents, and now and then a figure is perturbed, so the
//! checks have real work to do.

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const PLACES: &[&str] = &[
    "Iraq", "Latvia", "Mali", "Kuwait", "Ukraine", "Jordan", "Lebanon", "Syria", "Niger",
    "Estonia", "Romania", "Poland",
];
const NATIONS: &[&str] = &[
    "Canadian", "American", "British", "French", "German", "Danish", "Dutch", "Italian", "Spanish",
    "Polish",
];
const SUBJECTS: &[&str] = &[
    "troops",
    "soldiers",
    "trainers",
    "special forces",
    "civilians",
    "refugees",
    "police officers",
    "medics",
    "engineers",
    "aid workers",
    "students",
    "passengers",
];
const PEOPLE: &[(&str, &str)] = &[
    ("Defence Minister", "Harjit Sajjan"),
    ("Prime Minister", "Adel Abdul-Mahdi"),
    ("Secretary General", "Jens Stoltenberg"),
    ("Foreign Minister", "Ana Morales"),
    ("General", "Tomas Lindqvist"),
    ("Ambassador", "Peggy Mason"),
    ("Spokesperson", "Mohammed Al-Rashid"),
    ("Commander", "Jane Okafor"),
];
const HEDGES: &[&str] = &[
    "around ",
    "about ",
    "roughly ",
    "more than ",
    "nearly ",
    "at least ",
    "some ",
    "an estimated ",
    "fewer than ",
    "up to ",
    "",
    "",
    "",
    "",
];
const WORD_NUMBERS: &[(&str, u64)] = &[
    ("two", 2),
    ("three", 3),
    ("five", 5),
    ("a dozen", 12),
    ("fifty-seven", 57),
    ("two hundred", 200),
    ("twenty", 20),
    ("forty", 40),
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const QUOTES: &[&str] = &[
    "We are committed to helping build a stable country",
    "There are clear questions about what that will look like in the future",
    "Our goals have never been clearly announced",
    "This is a dangerous place to be right now",
    "We will continue to train local security forces",
    "Nobody was injured in the attacks",
];
const FILLER: &[&str] = &[
    "Officials declined to say when the mission would resume.",
    "The decision follows weeks of tension in the region.",
    "Lawmakers are expected to debate the plan next month.",
    "The alliance has not said how long the arrangement will last.",
    "Critics say the government has not explained its goals.",
    "The ministry did not respond to a request for comment.",
    "Residents described a night of confusion as sirens sounded across the city.",
    "The announcement came after a closed-door meeting in the capital.",
    "Opposition parties called for a full debate before any new deployment.",
    "Diplomats said talks were continuing behind the scenes.",
    "Aid groups warned that supplies were running low in the camps.",
    "The government said it would publish a full report later in the year.",
    "A spokesperson for the alliance said the review was routine.",
    "Security was tightened around the embassy and the airport.",
    "Several roads into the city remained closed on the weekend.",
    "The families of those affected have asked for a public inquiry.",
    "Analysts said the move was meant to reassure partners in the region.",
    "Local media reported long queues at the border crossing.",
    "The mission's mandate is due for renewal before the end of the year.",
    "No group has claimed responsibility for the attack.",
];
/// Prose that names people and places: `{title}`, `{name}`, `{place}`, `{region}`.
const PROSE: &[&str] = &[
    "{title} {name} met counterparts in {region} to discuss the next phase of the mission.",
    "In {place}, {name} told a news conference that the situation was stable but fragile.",
    "{name}, who took office last year, has promised a review of the deployment.",
    "The talks in {place} were described by {name} as frank and useful.",
    "According to a statement from the office of {title} {name}, no decision has been made.",
    "Officials in {region} said they had not been consulted about the change.",
];

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One figure as a journalist might write it.
fn figure(rng: &mut Rng, base: u64) -> String {
    match rng.below(10) {
        0 => {
            let (w, _) = *rng.pick(WORD_NUMBERS);
            w.to_string()
        }
        1 => format!(
            "between {} and {}",
            thousands(base),
            thousands(base + base / 5 + 1)
        ),
        _ => format!("{}{}", rng.pick(HEDGES), thousands(base)),
    }
}

/// The figure for a subject in a place: shared across documents, perturbed now and then.
fn story_value(story: usize, subject: usize, rng: &mut Rng) -> u64 {
    let base = 50 + ((story * 7919 + subject * 104_729) % 950) as u64;
    if rng.chance(8) {
        base + 1 + rng.below(40) as u64
    } else {
        base
    }
}

/// A made-up town name for a story, so that each story's subjects are its own.
fn town(story: usize) -> String {
    const SYL: &[&str] = &[
        "am", "ber", "kal", "dor", "vin", "sa", "tel", "mo", "ran", "qu", "is", "el",
    ];
    let mut s = String::new();
    let mut n = story + 7;
    for _ in 0..3 {
        s.push_str(SYL[n % SYL.len()]);
        n /= SYL.len();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// One paragraph.
fn paragraph(rng: &mut Rng, story: usize, out: &mut String) {
    let place = town(story);
    let region = PLACES[story % PLACES.len()];
    let nation = NATIONS[(story / 3) % NATIONS.len()];
    let si = rng.below(SUBJECTS.len());
    let subject = SUBJECTS[si];
    let v = story_value(story, si, rng);
    let (title, name) = *rng.pick(PEOPLE);
    // The same draw as picking one of the twelve names, so the corpus is unchanged.
    let month = crate::extract::time::month_name(1 + rng.below(12) as i8).unwrap_or("January");
    let day = 1 + rng.below(28);
    let year = 2014 + rng.below(7);
    if !rng.chance(30) {
        // Most sentences of a news story carry no figure: names, places and context.
        let line = rng
            .pick::<&str>(PROSE)
            .replace("{title}", title)
            .replace("{name}", name)
            .replace("{place}", &place)
            .replace("{region}", region);
        out.push_str(&line);
        out.push(' ');
        out.push_str(rng.pick::<&str>(FILLER));
        out.push(' ');
        out.push_str(rng.pick::<&str>(FILLER));
        out.push(' ');
        return;
    }
    let template = rng.below(7);
    // Figures whose subject does not name the drawn one are fixed per story and template.
    let v = if template == 0 || template == 5 {
        v
    } else {
        story_value(story, 100 + template, rng)
    };
    match template {
        0 => out.push_str(&format!(
            "{nation} officials said {} {nation} {subject} are based in {place}, and {} more are \
             expected by {month} {day}, {year}. ",
            figure(rng, v),
            figure(rng, v / 4 + 1)
        )),
        1 => out.push_str(&format!(
            "\"{}\", {title} {name} said on {}. ",
            rng.pick(QUOTES),
            rng.pick(WEEKDAYS)
        )),
        2 => out.push_str(&format!(
            "The mission will cost more than ${}.{} billion by the end of {month}, up {}% from \
             last year, according to figures released on {month} {day}. ",
            1 + rng.below(9),
            rng.below(10),
            1 + rng.below(40)
        )),
        3 => out.push_str(&format!(
            "The aircraft carried {} people, including {} {nation}s in {place} and dozens of \
             others, when it came down at {}:{:02} a.m. on Flight {}. ",
            100 + v % 200,
            1 + v % 60,
            1 + rng.below(11),
            rng.below(60),
            100 + rng.below(900)
        )),
        4 => out.push_str(&format!(
            "{name}, the {}, told reporters the {}-year-old conflict in {region} had displaced \
             {} civilians in {place} since {year}. ",
            title.to_lowercase(),
            2 + rng.below(8),
            figure(rng, v * 10)
        )),
        5 => out.push_str(&format!(
            "A similar number of {nation} {subject} have worked in {place} since {year}, and \
             {} of the {} {subject} in {place} were injured in the 3 of 12 incidents. ",
            1 + v % 30,
            40 + v % 60
        )),
        _ => out.push_str(rng.pick::<&str>(FILLER)),
    }
    out.push_str(rng.pick::<&str>(FILLER));
    out.push(' ');
}

/// Document `index` of the corpus with `seed`: (file name, text). About `bytes` long.
pub fn document(seed: u64, index: usize, bytes: usize) -> (String, String) {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    // A few hundred stories, each covered by several documents.
    let story = rng.below(300);
    let mut text = String::with_capacity(bytes + 512);
    text.push_str(&format!(
        "---\ndate: 2020-{:02}-{:02}\n---\n\n# Story {story}: update {index}\n\n",
        1 + rng.below(12),
        1 + rng.below(28)
    ));
    while text.len() < bytes {
        for _ in 0..(2 + rng.below(3)) {
            paragraph(&mut rng, story, &mut text);
        }
        text.push_str("\n\n");
    }
    (format!("story-{story:03}-{index:06}.md"), text)
}

/// `docs` documents of about `bytes` each.
pub fn generate(seed: u64, docs: usize, bytes: usize) -> Vec<(String, String)> {
    (0..docs).map(|i| document(seed, i, bytes)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_deterministic_and_news_sized() {
        let a = generate(7, 3, 4000);
        let b = generate(7, 3, 4000);
        assert_eq!(a, b);
        assert!(a.iter().all(|(_, t)| (4000..6000).contains(&t.len())));
        assert_ne!(generate(8, 1, 4000), generate(7, 1, 4000));
    }
}

//! A generator of invented news corpora for benchmarks: every article is a
//! pure function of (seed, corpus size, article number), so any article can
//! be made alone, in any order, on any thread, and a seed always gives the
//! same corpus.
//!
//! The world: NHS trusts, suppliers, national agencies, people and products,
//! all with invented names, each written several ways (full name, shorter
//! form, initials, surname, an occasional misspelling). Events (contracts,
//! go-lives, departures, takeovers, delays) are told by several articles from
//! several outlets; a few tellings give another date or figure. Articles carry
//! money, percentages and counts, and their outlets' page furniture
//! (newsletter boxes, related news, comments, share lines).

mod date;
mod names;

pub use date::Date;
use names::{Entity, World};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    pub articles: usize,
    pub seed: u64,
    /// Write a brat `.ann` beside each article with the names it placed.
    pub ann: bool,
    /// How many articles tell one and the same event (event 0); 0 for none.
    pub hot: usize,
}

/// One generated article.
#[derive(Debug, Clone)]
pub struct Article {
    /// Relative path, `/`-separated, ending in `.txt`.
    pub path: String,
    pub text: String,
    /// brat standoff annotations of the names written, when asked for.
    pub ann: Option<String>,
}

/// A deterministic stream of pseudo-random numbers (splitmix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// The stream for item `n` of kind `stream` under `seed`.
    pub fn new(seed: u64, stream: u64, n: u64) -> Rng {
        Rng(mix(seed ^ mix(stream.wrapping_mul(0x1000_0001) ^ mix(n))))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

// Streams of the world's random choices.
const ARTICLE: u64 = 1;
const EVENT: u64 = 2;
const TELLING: u64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Contract,
    GoLive,
    Departure,
    Takeover,
    Delay,
}

/// One event of the world, as its tellings share it.
struct Event {
    family: Family,
    /// Supplier, trust or person who acts.
    actor: Entity,
    /// The other side: trust, organisation left, company bought.
    other: Entity,
    product: Entity,
    date: Date,
    /// Millions of pounds (contracts and takeovers).
    millions: u32,
    years: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outlet {
    Trade,
    Wire,
    Release,
    Blog,
    Broadsheet,
}

impl Outlet {
    fn folder(self) -> &'static str {
        match self {
            Outlet::Trade => "trade",
            Outlet::Wire => "wire",
            Outlet::Release => "releases",
            Outlet::Blog => "blogs",
            Outlet::Broadsheet => "papers",
        }
    }
}

/// An article being written: its text and the names placed in it.
struct Doc {
    text: String,
    /// Byte spans of names and their brat types.
    spans: Vec<(usize, usize, &'static str)>,
}

/// A piece of a template: plain text, or a name to annotate.
enum Val {
    Text(String),
    Name(String, &'static str),
    /// A name followed by unannotated text: `Westby General Hospital (WGH)`.
    NameThen(String, &'static str, String),
}

fn t(s: impl Into<String>) -> Val {
    Val::Text(s.into())
}

impl Doc {
    fn put(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn name(&mut self, s: &str, ty: &'static str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.spans.push((start, self.text.len(), ty));
    }

    /// Writes `template`, replacing `{K}` by the value of `K` in `args`.
    fn fill(&mut self, template: &str, args: &[(&str, &Val)]) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            self.put(&rest[..open]);
            let close = open + rest[open..].find('}').expect("closed placeholder");
            let key = &rest[open + 1..close];
            match args.iter().find(|(k, _)| *k == key).map(|(_, v)| v) {
                Some(Val::Text(s)) => self.put(s),
                Some(Val::Name(s, ty)) => self.name(s, ty),
                Some(Val::NameThen(s, ty, then)) => {
                    self.name(s, ty);
                    self.put(then);
                }
                None => panic!("no value for {{{key}}} in {template:?}"),
            }
            rest = &rest[close + 1..];
        }
        self.put(rest);
    }

    /// The `.ann` of the names placed, offsets in code points.
    fn ann(&self) -> String {
        let mut out = String::new();
        let (mut byte, mut chars) = (0, 0);
        let mut at = |b: usize| {
            chars += self.text[byte..b].chars().count();
            byte = b;
            chars
        };
        for (i, (s, e, ty)) in self.spans.iter().enumerate() {
            let (cs, ce) = (at(*s), at(*e));
            out.push_str(&format!(
                "T{}\t{ty} {cs} {ce}\t{}\n",
                i + 1,
                &self.text[*s..*e]
            ));
        }
        out
    }
}

/// Makes the articles of one corpus.
pub struct Generator {
    config: Config,
    world: World,
    /// Events told by ordinary articles (event 0 is the hot one).
    events: usize,
}

impl Generator {
    pub fn new(config: Config) -> Generator {
        let n = config.articles.max(1);
        let world = World::new(config.seed, n);
        Generator {
            events: (n / 3).max(30),
            config,
            world,
        }
    }

    fn event(&self, e: usize) -> Event {
        let mut r = Rng::new(self.config.seed, EVENT, e as u64);
        let family = match r.below(100) {
            0..=34 => Family::Contract,
            35..=59 => Family::GoLive,
            60..=79 => Family::Departure,
            80..=89 => Family::Takeover,
            _ => Family::Delay,
        };
        let w = &self.world;
        let (actor, other) = match family {
            Family::Contract => (w.supplier(&mut r), w.trust(&mut r)),
            Family::GoLive | Family::Delay => (w.trust(&mut r), w.supplier(&mut r)),
            Family::Departure => (w.person(&mut r), w.any_org(&mut r)),
            Family::Takeover => (w.supplier(&mut r), w.supplier(&mut r)),
        };
        Event {
            family,
            actor,
            other,
            product: w.product(&mut r),
            date: Date::from_days(Date::new(2004, 1, 1).days() + r.range(0, 9 * 365)),
            millions: match r.below(4) {
                0 => r.range(2, 20) as u32,
                1 | 2 => r.range(20, 150) as u32,
                _ => r.range(150, 990) as u32,
            },
            years: r.range(3, 10) as u32,
        }
    }

    /// The event article `n` tells first: most events are told a few
    /// times, a few are told many times.
    fn main_event(&self, n: usize, r: &mut Rng) -> usize {
        let hot = self.config.hot.min(self.config.articles);
        if hot > 0
            && n % (self.config.articles / hot).max(1) == 0
            && n / (self.config.articles / hot).max(1) < hot
        {
            return 0;
        }
        let u = r.unit();
        1 + ((self.events - 1) as f64 * u * u) as usize
    }

    pub fn article(&self, n: usize) -> Article {
        let mut r = Rng::new(self.config.seed, ARTICLE, n as u64);
        let outlet = match r.below(100) {
            0..=39 => Outlet::Trade,
            40..=59 => Outlet::Wire,
            60..=69 => Outlet::Release,
            70..=79 => Outlet::Blog,
            _ => Outlet::Broadsheet,
        };
        let e = self.main_event(n, &mut r);
        let event = self.event(e);
        // Each telling: published a few days to weeks after the event (a
        // delay is reported before its new date); a few get it wrong.
        let mut tr = Rng::new(self.config.seed, TELLING, n as u64);
        let published = match event.family {
            Family::Delay => event.date.plus(-tr.range(10, 60)),
            _ => event.date.plus(tr.range(1, 21)),
        };
        let mut told_date = event.date;
        let mut told_millions = event.millions;
        if tr.chance(0.06) {
            let shift = tr.range(3, 25);
            told_date = told_date.plus(if tr.chance(0.5) { shift } else { -shift });
            if event.family != Family::Delay && told_date.days() >= published.days() {
                told_date = published.plus(-1);
            }
        }
        if tr.chance(0.05) {
            told_millions = wrong_figure(told_millions, &mut tr);
        }
        let undated = r.chance(0.08);
        let mut doc = Doc {
            text: String::with_capacity(4096),
            spans: Vec::new(),
        };
        let mut names = Names::default();

        // Headline and dateline.
        let headline = self.headline(&event, told_millions, &mut r);
        match outlet {
            Outlet::Release => doc.put("PRESS RELEASE: "),
            Outlet::Blog if r.chance(0.5) => doc.put("Blog: "),
            _ => {}
        }
        doc.put(&headline);
        doc.put("\n");
        if !undated {
            match outlet {
                Outlet::Trade => doc.put(&format!("\n  • {}\n\n", published.long())),
                Outlet::Wire => doc.put(&format!("{}\n\n", published.us())),
                Outlet::Release => doc.put(&format!("Published: {}\n\n", published.long())),
                Outlet::Blog => doc.put(&format!(
                    "Posted on {} at {}:{:02} {} by {}\n\n",
                    published.us(),
                    r.range(1, 12),
                    r.range(0, 59),
                    if r.chance(0.5) { "am" } else { "pm" },
                    r.pick(&names::HANDLES)
                )),
                Outlet::Broadsheet => doc.put(&format!(
                    "{} {}\n\n",
                    published.weekday_name(),
                    published.long()
                )),
            }
        } else {
            doc.put("\n");
        }

        // The news.
        if outlet == Outlet::Wire {
            doc.put(&format!(
                "{}, {} (Wire) - ",
                r.pick(&names::WIRE_CITIES),
                published.us_short()
            ));
        }
        self.tell(
            &mut doc,
            &mut names,
            &event,
            told_date,
            told_millions,
            published,
            &mut r,
        );
        doc.put("\n\n");

        // Background: figures, quotes, an earlier event in passing.
        let paragraphs = 4 + r.below(8);
        for i in 0..paragraphs {
            if i == 1 && r.chance(0.5) {
                let earlier = self.event(self.main_event(n + 7919, &mut r));
                if earlier.family != Family::Delay && earlier.date.days() < published.days() {
                    self.tell(
                        &mut doc,
                        &mut names,
                        &earlier,
                        earlier.date,
                        earlier.millions,
                        published,
                        &mut r,
                    );
                    doc.put("\n\n");
                    continue;
                }
            }
            self.background(&mut doc, &mut names, &event, &mut r);
            doc.put("\n\n");
        }

        // Page furniture.
        match outlet {
            Outlet::Wire => doc.put(&format!(
                "(Reporting by {}; editing by {})\n",
                self.world.person(&mut r).full,
                self.world.person(&mut r).full
            )),
            Outlet::Release => {
                let org = &event.actor;
                doc.put("About ");
                doc.name(&org.full, org.brat());
                doc.put("\n");
                doc.name(&org.full, org.brat());
                doc.put(" provides clinical software to health and social care organisations across the UK.\n\nFor further information contact the press office.\n");
            }
            Outlet::Blog => {
                let count = r.range(0, 6);
                doc.put(&format!("{count} comments\n"));
                for _ in 0..count {
                    let d = published.plus(r.range(0, 3));
                    doc.put(&format!(
                        "{} said on {} at {}:{:02} am: {}\n",
                        r.pick(&names::COMMENTERS),
                        d.us(),
                        r.range(1, 11),
                        r.range(0, 59),
                        r.pick(&names::COMMENTS)
                    ));
                }
            }
            Outlet::Trade => {
                if r.chance(0.7) {
                    doc.put("Subscribe to our newsletter\n\nSubscribe To Our Newsletter\n\nSign up\n\nRelated News\n\n");
                    for _ in 0..3 {
                        let other = self.event(1 + r.below(self.events - 1));
                        let h = self.headline(&other, other.millions, &mut r);
                        doc.put(&format!("{h}\n\n{h}\n\n"));
                        let teaser: &&str = r.pick(&names::TEASERS);
                        doc.put(teaser);
                        doc.put("\n");
                    }
                }
            }
            Outlet::Broadsheet => {
                doc.put("Share this article\n\nShare on Facebook  Share on X  Email\n\n");
                if r.chance(0.5) {
                    doc.put("We use cookies to improve your experience on our site. Accept all cookies\n");
                }
            }
        }

        let path = format!("{}/{:03}/{:07}.txt", outlet.folder(), n / 1000, n);
        Article {
            path,
            ann: self.config.ann.then(|| doc.ann()),
            text: doc.text,
        }
    }

    fn headline(&self, e: &Event, millions: u32, r: &mut Rng) -> String {
        let (a, o, p) = (&e.actor, &e.other, &e.product);
        match e.family {
            Family::Contract => match r.below(3) {
                0 => format!("{} signs £{millions}m deal with {}", o.short(), a.short()),
                1 => format!("{} wins {} records contract", a.short(), o.short()),
                _ => format!("{} picks {} for {}", o.short(), a.short(), p.full),
            },
            Family::GoLive => match r.below(2) {
                0 => format!("{} goes live at {}", p.full, a.short()),
                _ => format!("{} switches on {}", a.short(), p.full),
            },
            Family::Departure => match r.below(2) {
                0 => format!("{} quits {}", a.full, o.short()),
                _ => format!("{} chief bows out", o.short()),
            },
            Family::Takeover => format!("{} buys {}", a.short(), o.short()),
            Family::Delay => format!("{} go-live slips again", p.full),
        }
    }

    /// The sentences that tell `e`, dated `date` (as this article has it).
    #[allow(clippy::too_many_arguments)]
    fn tell(
        &self,
        doc: &mut Doc,
        names: &mut Names,
        e: &Event,
        date: Date,
        millions: u32,
        published: Date,
        r: &mut Rng,
    ) {
        let a = names.mention(&e.actor, r);
        let o = names.mention(&e.other, r);
        let p = Val::Name(e.product.full.clone(), "Product");
        let d = t(date.as_told(published, r));
        let m = t(money(millions, r));
        let y = t(e.years.to_string());
        let args = [
            ("A", &a),
            ("O", &o),
            ("P", &p),
            ("D", &d),
            ("M", &m),
            ("Y", &y),
        ];
        let template = match e.family {
            Family::Contract => *r.pick(&[
                "{A} signed a {Y}-year contract worth {M} with {O} on {D} to supply its {P} records system.",
                "{O} signed a {M} contract with {A} on {D}, the trust said.",
                "{A} said it signed a {Y}-year contract with {O} on {D}. The contract is worth {M}.",
            ]),
            Family::GoLive => *r.pick(&[
                "{A} went live with the {P} patient administration system on {D}.",
                "{P} went live at {A} on {D}, the supplier, {O}, said.",
                "Since {A} went live on {D}, clinics have run slightly behind schedule while staff learn {P}.",
            ]),
            Family::Departure => *r.pick(&[
                "{A}, director of {O}, resigned on {D}, the organisation confirmed.",
                "{A} left {O} on {D} after four years in post.",
                "{A}, chief executive of {O}, stepped down on {D}.",
            ]),
            Family::Takeover => *r.pick(&[
                "{A} completed its takeover of {O} on {D}, paying {M} in cash.",
                "{A} agreed to buy {O} for {M} on {D}, the companies said.",
            ]),
            Family::Delay => *r.pick(&[
                "{A} has postponed the go-live of {P} until {D}, according to board papers.",
                "The go-live of the {P} records system at {A} has been delayed to {D}, the trust board heard.",
            ]),
        };
        doc.fill(template, &args);
    }

    /// A paragraph of background: counts, money, percentages, a quote.
    fn background(&self, doc: &mut Doc, names: &mut Names, e: &Event, r: &mut Rng) {
        let w = &self.world;
        let place = w.place(r);
        let place2 = w.place(r);
        let person = w.person(r);
        let org = match (r.chance(0.6), e.actor.kind) {
            (true, names::Kind::Org) => e.actor.clone(),
            (true, names::Kind::Person) => e.other.clone(),
            _ => w.any_org(r),
        };
        let agency = w.agency(r);
        let vals = [
            ("ORG", names.mention(&org, r)),
            ("AG", names.mention(&agency, r)),
            ("PER", names.mention(&person, r)),
            ("PL", Val::Name(place.clone(), "Location")),
            ("PL2", Val::Name(place2.clone(), "Location")),
            ("N", t(thousands(r.range(1_000, 900_000)))),
            ("K", t(thousands(r.range(120, 9_000)))),
            ("K2", t(thousands(r.range(3, 60)))),
            ("PC", t(format!("{}.{}", r.range(1, 40), r.range(0, 9)))),
            ("M", t(money(r.range(1, 400) as u32, r))),
            ("Q", t(r.pick(&names::QUOTES).to_string())),
            ("ROLE", t(r.pick(&names::ROLES).to_string())),
        ];
        let args: Vec<(&str, &Val)> = vals.iter().map(|(k, v)| (*k, v)).collect();
        let sentences = 1 + r.below(3);
        for i in 0..sentences {
            if i > 0 {
                doc.put(" ");
            }
            let template = *r.pick(&[
            "{ORG} serves {N} people across {PL} and {PL2}, and employs {K} staff.",
            "Shares in {ORG} rose {PC} percent in early trading.",
            "Spending on information technology across the region rose by {PC}% to {M} last year, according to figures from {AG}.",
            "{PER}, {ROLE} at {ORG}, said: “{Q}”",
            "“{Q}” said {PER}, {ROLE} of {ORG}.",
            "More than {K} clinicians in {PL} will use the system, which replaces {K2} separate record systems.",
            "The programme run by {AG} has cost {M} so far, {PC}% more than planned.",
            "{ORG} said it had trained {K} staff and expected savings of {M} over five years.",
            "Board papers blame late testing of the interface with the pathology system in {PL}.",
            "Analysts estimated the market at {M}, growing by {PC}% a year.",
        ]);
            doc.fill(template, &args);
        }
    }
}

/// How an article names entities: the full name first, then shorter forms;
/// now and then a misspelling.
#[derive(Default)]
struct Names {
    seen: Vec<String>,
}

impl Names {
    fn mention(&mut self, e: &Entity, r: &mut Rng) -> Val {
        let first = !self.seen.contains(&e.full);
        let mut s = if first {
            self.seen.push(e.full.clone());
            match (&e.initials, r.below(4)) {
                // Defines its initials: `Westby General Hospital (WGH)`.
                (Some(i), 0) if e.kind == names::Kind::Org => {
                    return Val::NameThen(e.full.clone(), e.brat(), format!(" ({i})"));
                }
                _ => e.full.clone(),
            }
        } else {
            e.variant(r)
        };
        if r.chance(0.02) {
            s = names::misspell(&s, r);
        }
        Val::Name(s, e.brat())
    }
}

fn wrong_figure(m: u32, r: &mut Rng) -> u32 {
    let digits: Vec<char> = m.to_string().chars().collect();
    if digits.len() == 2 && digits[0] != digits[1] && digits[1] != '0' && r.chance(0.5) {
        // 38 for 83
        format!("{}{}", digits[1], digits[0])
            .parse()
            .unwrap_or(m * 2)
    } else {
        m * 2 + 1
    }
}

fn money(millions: u32, r: &mut Rng) -> String {
    match r.below(4) {
        0 => format!("£{millions} million"),
        1 if millions >= 1000 => format!("£{:.1}bn", millions as f64 / 1000.0),
        _ => format!("£{millions}m"),
    }
}

fn thousands(n: i64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(articles: usize) -> Config {
        Config {
            articles,
            seed: 7,
            ann: true,
            hot: 0,
        }
    }

    #[test]
    fn same_seed_same_article() {
        let (a, b) = (Generator::new(cfg(1000)), Generator::new(cfg(1000)));
        for n in [0, 1, 500, 999] {
            assert_eq!(a.article(n).text, b.article(n).text);
        }
        let c = Generator::new(Config {
            seed: 8,
            ..cfg(1000)
        });
        assert_ne!(a.article(3).text, c.article(3).text);
    }

    #[test]
    fn annotations_quote_their_text() {
        let g = Generator::new(cfg(200));
        for n in 0..200 {
            let a = g.article(n);
            let chars: Vec<char> = a.text.chars().collect();
            for line in a.ann.unwrap().lines() {
                let fields: Vec<&str> = line.split('\t').collect();
                let mut span = fields[1]
                    .split(' ')
                    .skip(1)
                    .map(|x| x.parse::<usize>().unwrap());
                let (s, e) = (span.next().unwrap(), span.next().unwrap());
                let written: String = chars[s..e].iter().collect();
                assert_eq!(written, fields[2], "article {n}: {line}");
            }
        }
    }

    #[test]
    fn events_are_told_more_than_once_and_some_disagree() {
        let g = Generator::new(cfg(3000));
        let mut told = std::collections::HashMap::new();
        for n in 0..3000 {
            let mut r = Rng::new(7, ARTICLE, n as u64);
            r.below(100);
            *told.entry(g.main_event(n, &mut r)).or_insert(0) += 1;
        }
        assert!(told.values().any(|&c| c >= 10));
        assert!(told.values().filter(|&&c| c >= 2).count() > 100);
    }

    #[test]
    fn a_hot_event_is_told_by_as_many_articles_as_asked() {
        let g = Generator::new(Config {
            hot: 250,
            ..cfg(1000)
        });
        let told = (0..1000)
            .filter(|&n| {
                let mut r = Rng::new(7, ARTICLE, n as u64);
                r.below(100);
                g.main_event(n, &mut r) == 0
            })
            .count();
        assert_eq!(told, 250);
    }
}

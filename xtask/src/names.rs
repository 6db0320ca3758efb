//! The invented world: places, trusts, suppliers, agencies, people and
//! products, each drawn from its own stream so that entity `i` is the same
//! in every article that names it.

use crate::Rng;

const TRUST: u64 = 10;
const SUPPLIER: u64 = 11;
const PERSON: u64 = 12;
const PRODUCT: u64 = 13;
const PLACE: u64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Org,
    Person,
}

/// An entity and the ways articles write it.
#[derive(Debug, Clone)]
pub struct Entity {
    pub full: String,
    /// Shorter forms and, for people, `Mr Surname` and the surname.
    pub shorter: Vec<String>,
    pub initials: Option<String>,
    pub kind: Kind,
}

impl Entity {
    pub fn brat(&self) -> &'static str {
        match self.kind {
            Kind::Org => "Organization",
            Kind::Person => "Person",
        }
    }

    /// The form a headline uses.
    pub fn short(&self) -> &str {
        self.shorter.first().unwrap_or(&self.full)
    }

    /// A later mention in an article: a shorter form, the initials, or the
    /// full name again.
    pub fn variant(&self, r: &mut Rng) -> String {
        match r.below(10) {
            0..=2 => self.full.clone(),
            3 | 4 if self.initials.is_some() => self.initials.clone().unwrap_or_default(),
            _ if !self.shorter.is_empty() => r.pick(&self.shorter).clone(),
            _ => self.full.clone(),
        }
    }
}

const PLACE_HEADS: [&str; 22] = [
    "Ash", "Bel", "Cor", "Dun", "Elm", "Fal", "Gar", "Hol", "Ket", "Lan", "Mar", "Nor", "Oak",
    "Pen", "Quar", "Ros", "Sal", "Tor", "Ul", "Ver", "Wen", "Yar",
];
const PLACE_MIDDLES: [&str; 11] = [
    "", "ble", "ca", "der", "ling", "mo", "ren", "sa", "ther", "vi", "wy",
];
const PLACE_TAILS: [&str; 12] = [
    "ford", "ton", "mere", "by", "wick", "field", "stead", "bury", "ham", "worth", "combe", "dale",
];
const PLACE_PREFIXES: [&str; 6] = ["North ", "South ", "East ", "West ", "Upper ", "Lower "];

/// Place `k`: 2,904 one-word names, then the same with a prefix.
pub fn place_name(k: usize) -> String {
    let n = PLACE_HEADS.len() * PLACE_MIDDLES.len() * PLACE_TAILS.len();
    let base = k % n;
    let word = format!(
        "{}{}{}",
        PLACE_HEADS[base % 22],
        PLACE_MIDDLES[(base / 22) % 11],
        PLACE_TAILS[(base / 242) % 12]
    );
    match (k / n) % (PLACE_PREFIXES.len() + 1) {
        0 => word,
        p => format!("{}{word}", PLACE_PREFIXES[p - 1]),
    }
}

const STEM_HEADS: [&str; 24] = [
    "Cas", "Quil", "Pell", "Mer", "Tan", "Hal", "Bram", "Cor", "Dex", "Fen", "Gal", "Har", "Kel",
    "Lor", "Mar", "Nor", "Ost", "Pry", "Rav", "Sel", "Tarn", "Vel", "Wex", "Zan",
];
const STEM_TAILS: [&str; 20] = [
    "tlegate", "lon", "worth", "idale", "ridge", "more", "ton", "ex", "ica", "ara", "ion", "field",
    "ford", "wick", "stone", "lake", "brook", "vale", "gate", "ley",
];
const SUPPLIER_WORDS: [&str; 6] = [
    "Systems",
    "Informatics",
    "Software",
    "Health Solutions",
    "Data",
    "Digital",
];
const FIRST_NAMES: [&str; 40] = [
    "Alan", "Beth", "Carl", "Dina", "Ewan", "Fay", "Gareth", "Helen", "Ian", "Joanna", "Kamal",
    "Lena", "Martin", "Nadia", "Owen", "Priya", "Quentin", "Rosa", "Simon", "Tessa", "Umar",
    "Vera", "William", "Yusuf", "Zoe", "Aidan", "Bryony", "Colin", "Deepa", "Edwin", "Fiona",
    "Graham", "Hana", "Imogen", "Jonah", "Keira", "Luis", "Maeve", "Nikhil", "Orla",
];
const SURNAME_HEADS: [&str; 20] = [
    "Pen", "Ok", "Hal", "Bram", "Cor", "Dun", "Fair", "Gold", "Hart", "Kin", "Lang", "Mor", "Ash",
    "Brock", "Car", "Dal", "Eld", "Frost", "Grims", "Hol",
];
const SURNAME_TAILS: [&str; 18] = [
    "hallow", "afor", "ley", "ridge", "well", "more", "ton", "ham", "stone", "wood", "ing", "away",
    "by", "ford", "field", "son", "worth", "croft",
];
const PRODUCT_HEADS: [&str; 12] = [
    "Clin", "Care", "Med", "Path", "Ward", "Bed", "Pat", "Cura", "Vita", "Rx", "Lab", "Scan",
];
const PRODUCT_TAILS: [&str; 10] = [
    "View", "Track", "ora", "ix", "Link", "Flow", "Net", "Point", "Base", "One",
];
const AGENCIES: [(&str, &str); 10] = [
    ("National Care Records Programme", "NCRP"),
    ("Clinical Systems Agency", "CSA"),
    ("Health Data Standards Board", "HDSB"),
    ("Office for Digital Care", "ODC"),
    ("Department of Health and Care", "DHC"),
    ("National Imaging Service", "NIS"),
    ("Regional Informatics Partnership", "RIP"),
    ("Care Quality Inspectorate", "CQI"),
    ("National Prescribing Service", "NPS"),
    ("Public Accounts Panel", "PAP"),
];

fn initials(words: &str) -> String {
    words
        .split(' ')
        .filter(|w| !["and", "of", "for", "the"].contains(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// How many of each kind a corpus of `articles` has.
pub struct World {
    seed: u64,
    trusts: usize,
    suppliers: usize,
    people: usize,
    products: usize,
}

impl World {
    pub fn new(seed: u64, articles: usize) -> World {
        World {
            seed,
            trusts: (articles / 40).max(40),
            suppliers: (articles / 200).max(20),
            people: (articles / 25).max(60),
            products: (articles / 500).clamp(15, 120),
        }
    }

    pub fn place(&self, r: &mut Rng) -> String {
        let k = r.below(self.trusts * 2);
        let mut p = Rng::new(self.seed, PLACE, k as u64);
        place_name(p.below(20_000))
    }

    pub fn trust(&self, r: &mut Rng) -> Entity {
        let i = r.below(self.trusts);
        let mut p = Rng::new(self.seed, TRUST, i as u64);
        let place = place_name(p.below(20_000));
        let head = place.chars().next().unwrap_or('X');
        let (full, shorter, initials) = match p.below(4) {
            0 | 1 => (
                format!("{place} General Hospital NHS Trust"),
                vec![
                    format!("{place} General Hospital"),
                    format!("{place} General"),
                ],
                Some(format!("{head}GH")),
            ),
            2 => (
                format!("{place} Royal Infirmary"),
                vec![format!("{place} Royal Infirmary NHS Trust")],
                Some(format!("{head}RI")),
            ),
            _ => (
                format!("{place} University Hospitals NHS Foundation Trust"),
                vec![format!("{place} University Hospitals")],
                Some(format!("{head}UH")),
            ),
        };
        Entity {
            full,
            shorter,
            initials: initials.filter(|_| !place.contains(' ')),
            kind: Kind::Org,
        }
    }

    pub fn supplier(&self, r: &mut Rng) -> Entity {
        let i = r.below(self.suppliers);
        let mut p = Rng::new(self.seed, SUPPLIER, i as u64);
        let stem = format!("{}{}", p.pick(&STEM_HEADS), p.pick(&STEM_TAILS));
        let word = p.pick(&SUPPLIER_WORDS);
        let name = format!("{stem} {word}");
        let full = match p.below(3) {
            0 => format!("{name} Plc"),
            1 => format!("{name} Ltd"),
            _ => name.clone(),
        };
        let mut shorter = vec![name.clone()];
        if p.chance(0.5) {
            shorter.push(stem);
        }
        Entity {
            full,
            shorter,
            initials: None,
            kind: Kind::Org,
        }
    }

    pub fn agency(&self, r: &mut Rng) -> Entity {
        let (full, short) = r.pick(&AGENCIES);
        debug_assert_eq!(initials(full), *short);
        Entity {
            full: full.to_string(),
            shorter: Vec::new(),
            initials: Some(short.to_string()),
            kind: Kind::Org,
        }
    }

    pub fn any_org(&self, r: &mut Rng) -> Entity {
        match r.below(3) {
            0 => self.trust(r),
            1 => self.supplier(r),
            _ => self.agency(r),
        }
    }

    pub fn person(&self, r: &mut Rng) -> Entity {
        let i = r.below(self.people);
        let mut p = Rng::new(self.seed, PERSON, i as u64);
        let first = p.pick(&FIRST_NAMES);
        let surname = format!("{}{}", p.pick(&SURNAME_HEADS), p.pick(&SURNAME_TAILS));
        let title = if p.chance(0.5) { "Mr" } else { "Ms" };
        let mut shorter = vec![format!("{title} {surname}"), surname.clone()];
        if p.chance(0.3) {
            let middle = (b'A' + p.below(26) as u8) as char;
            shorter.push(format!("{first} {middle}. {surname}"));
        }
        Entity {
            full: format!("{first} {surname}"),
            shorter,
            initials: None,
            kind: Kind::Person,
        }
    }

    pub fn product(&self, r: &mut Rng) -> Entity {
        let i = r.below(self.products);
        let mut p = Rng::new(self.seed, PRODUCT, i as u64);
        Entity {
            full: format!("{}{}", p.pick(&PRODUCT_HEADS), p.pick(&PRODUCT_TAILS)),
            shorter: Vec::new(),
            initials: None,
            kind: Kind::Org,
        }
    }
}

/// One word of `name` misspelt: a letter dropped or two swapped.
pub fn misspell(name: &str, r: &mut Rng) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let Some(i) = (0..words.len())
        .filter(|&i| words[i].len() >= 5 && words[i].chars().any(|c| c.is_lowercase()))
        .max_by_key(|&i| (words[i].len() * 7 + i) % 5)
    else {
        return name.to_string();
    };
    let mut w: Vec<char> = words[i].chars().collect();
    let at = 2 + r.below(w.len() - 3);
    if r.chance(0.5) {
        w.remove(at);
    } else {
        w.swap(at, at - 1);
    }
    let word: String = w.into_iter().collect();
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[i] = word;
    out.join(" ")
}

pub const HANDLES: [&str; 5] = [
    "healthitwatcher",
    "wardround",
    "the_informaticist",
    "carerecordsblog",
    "nhsdigitalnotes",
];
pub const WIRE_CITIES: [&str; 5] = ["LONDON", "MANCHESTER", "LEEDS", "BIRMINGHAM", "BRISTOL"];
pub const COMMENTERS: [&str; 6] = [
    "Trust IT manager",
    "Anonymous",
    "healthitwatcher",
    "A nurse",
    "Former programme staff",
    "Ward clerk",
];
pub const COMMENTS: [&str; 6] = [
    "He was one of the good ones.",
    "Four? I count five.",
    "Same story at our place, the interface never worked.",
    "Fair point.",
    "Who signs these contracts?",
    "The training was two hours on a Friday afternoon.",
];
pub const TEASERS: [&str; 4] = [
    "A regional review found the new systems had cut waiting times in some clinics…",
    "Suppliers say the market will double within five years…",
    "Clinicians warned that the rollout was going too fast…",
    "by Staff Reporter Responses to a records request sent to acute trusts found 126 instances of…",
];
pub const QUOTES: [&str; 6] = [
    "We are content to do the work at the price.",
    "The lessons will be shared with every trust that follows.",
    "Patient safety comes first, and the system is not yet safe.",
    "This is the biggest change to our records in twenty years.",
    "We expect the savings to show within two years.",
    "Staff have worked through the weekend to make this happen.",
];
pub const ROLES: [&str; 5] = [
    "chief executive",
    "director of informatics",
    "chief information officer",
    "programme director",
    "medical director",
];

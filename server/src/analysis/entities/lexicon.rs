//! The built-in cue lexicon: small, generic word lists (function words,
//! honorifics, role nouns, organisation/place/product cues, number and date
//! words), a generic first-name list, a generic world gazetteer of places,
//! and the English word list. Nothing here is derived from any corpus.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Calls `f` with the ASCII-lowercased form of `word`, without allocating
/// for ASCII words.
pub(super) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if !word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        return f(word);
    }
    if word.is_ascii() {
        // A reused per-thread buffer: no allocation and no UTF-8
        // re-validation (this runs for every capitalised token).
        thread_local!(static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) });
        let mut f = Some(f);
        let done = BUF.with(|b| {
            let mut buf = b.try_borrow_mut().ok()?;
            buf.clear();
            buf.push_str(word);
            buf.make_ascii_lowercase();
            Some((f.take()?)(&buf))
        });
        if let Some(r) = done {
            return r;
        }
        // Re-entered from inside `f`: fall back to allocating.
        return (f.take().expect("f is unused"))(&word.to_ascii_lowercase());
    }
    f(&word.to_lowercase())
}

/// FNV-1a: the lexicon keys are short, so a simple hash beats SipHash.
#[derive(Default, Clone, Copy)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(super) type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;

fn set(words: &'static [&'static str]) -> FastSet<&'static str> {
    words.iter().copied().collect()
}

macro_rules! lexicon {
    ($(#[$m:meta])* $name:ident, $fn:ident, [$($w:literal),* $(,)?]) => {
        $(#[$m])*
        static $name: LazyLock<FastSet<&'static str>> = LazyLock::new(|| set(&[$($w),*]));
        /// Case-insensitive membership.
        pub(super) fn $fn(word: &str) -> bool {
            with_lower(word, |w| $name.contains(w))
        }
    };
}

lexicon!(
    /// Closed-class words and sentence adverbs: never (the start of) a name.
    FUNCTION, is_function_word, [
    "a", "an", "the", "and", "or", "but", "nor", "yet", "so", "if", "of", "for", "to", "in", "on",
    "at", "by", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "has",
    "have", "had", "do", "does", "did", "not", "no", "this", "that", "these", "those", "there",
    "here", "it", "its", "they", "them", "their", "theirs", "he", "she", "his", "her", "hers",
    "him", "we", "our", "ours", "us", "you", "your", "yours", "i", "me", "my", "mine", "who",
    "whom", "whose", "which", "what", "when", "where", "why", "how", "all", "any", "both",
    "each", "few", "many", "more", "most", "much", "other", "others", "some", "such", "than",
    "too", "very", "can", "could", "may", "might", "must", "shall", "should", "will", "would",
    "also", "however", "despite", "although", "though", "while", "whilst", "since", "until",
    "after", "before", "because", "during", "about", "above", "below", "between", "into",
    "through", "over", "under", "again", "further", "then", "once", "only", "own", "same",
    "just", "now", "even", "still", "already", "several", "every", "another", "either",
    "neither", "meanwhile", "nonetheless", "nevertheless", "overall", "instead", "indeed",
    "unless", "whether", "within", "without", "across", "against", "among", "amongst",
    "around", "according", "including", "following", "per", "via", "like", "unlike", "upon",
    "yes", "oh", "well", "thus", "hence", "therefore", "moreover", "furthermore", "besides",
    "perhaps", "maybe", "almost", "nearly", "approximately", "roughly", "rather", "quite",
    "often", "sometimes", "always", "never", "ever", "soon", "later", "earlier", "recently",
    "currently", "previously", "finally", "first", "firstly", "secondly", "lastly", "then",
    "it's", "i'm", "i've", "i'd", "we're", "we've", "they're", "don't", "doesn't", "didn't",
    "isn't", "wasn't", "can't", "won't", "let", "let's", "please", "thanks", "dear", "hi",
    "hello", "today's", "why", "where", "whoever", "whatever", "none", "nothing", "everyone",
    "everything", "someone", "something", "anyone", "anything", "nobody", "somebody",
]);

lexicon!(
    /// Honorifics and forms of address that precede a person's name.
    HONORIFIC, is_honorific, [
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "baroness", "baron", "rev", "revd", "reverend", "fr", "capt", "col", "lt", "sgt", "cllr",
    "councillor", "det", "insp", "supt", "rt", "hon", "mme", "mlle", "herr", "frau",
    "sheikh", "senator", "sen", "rep", "gov",
]);

lexicon!(
    /// Nouns for a person's role or job: "chairman Terry ...", "X, director of".
    ROLE, is_role_word, [
    "chairman", "chairwoman", "chair", "chairperson", "president", "vice", "founder",
    "co-founder", "director", "executive", "chief", "head", "manager", "boss", "spokesman",
    "spokeswoman", "spokesperson", "secretary", "minister", "officer", "analyst", "professor",
    "lecturer", "researcher", "scientist", "economist", "editor", "reporter", "correspondent",
    "consultant", "partner", "leader", "councillor", "mayor", "governor", "commissioner",
    "chancellor", "treasurer", "deputy", "ceo", "cfo", "cto", "coo", "cio", "md", "mp", "mep",
    "owner", "lawyer", "solicitor", "barrister", "attorney", "judge", "inspector", "detective",
    "constable", "sergeant", "superintendent", "doctor", "surgeon", "nurse", "teacher",
    "headteacher", "headmaster", "headmistress", "principal", "student", "pupil",
    "schoolgirl", "schoolboy", "presenter", "broadcaster", "journalist", "author", "writer",
    "actor", "actress", "singer", "artist", "musician", "striker", "midfielder", "defender",
    "goalkeeper", "captain", "coach", "player", "colleague", "husband", "wife", "son",
    "daughter", "mother", "father", "brother", "sister", "widow", "campaigner", "activist",
    "resident", "entrepreneur", "investor", "banker", "trader", "engineer", "designer",
    "architect", "developer", "programmer", "strategist", "adviser", "advisor", "aide",
    "ambassador", "envoy", "senator", "congressman", "congresswoman", "representative",
    "chef", "farmer", "pilot", "officer", "official", "organiser", "organizer",
    "fundraiser", "volunteer", "manager", "administrator", "registrar", "clerk", "curator",
    "trustee", "patron", "candidate", "veteran", "expert", "specialist", "physician",
    "psychologist", "psychiatrist", "pharmacist", "dentist", "midwife", "paramedic",
    "chemist", "biologist", "physicist", "geologist", "glaciologist", "historian",
    "novelist", "poet", "composer", "conductor", "dancer", "comedian", "director-general",
]);

lexicon!(
    /// Verbs of saying; "X said" / "said X" suggest a person.
    SPEECH, is_speech_verb, [
    "said", "says", "told", "tells", "added", "adds", "explained", "explains", "warned",
    "warns", "claimed", "claims", "insisted", "insists", "admitted", "admits", "commented",
    "noted", "argued", "argues", "revealed", "stated", "wrote", "writes", "asked", "asks",
    "replied", "recalled", "believes", "thinks", "suggested", "urged", "conceded",
    "acknowledged", "predicted", "cautioned", "stressed", "emphasised", "emphasized",
    "continued", "declared", "fumed", "blasted", "joked", "laughed", "recalls", "remembers",
]);

lexicon!(
    /// Words that end (or are inside) an organisation's name.
    ORG_CUE, is_org_cue, [
    "ltd", "limited", "plc", "inc", "incorporated", "corp", "corporation", "llc", "llp", "co",
    "company", "group", "holdings", "services", "systems", "solutions", "technologies",
    "technology", "software", "networks", "communications", "telecom", "telecommunications",
    "partners", "associates", "consulting", "consultants", "industries", "international",
    "bank", "bancorp", "banking", "financial", "finance", "insurance", "capital",
    "investments", "investors", "securities", "trust", "council", "agency", "department",
    "ministry", "office", "programme", "program", "committee", "commission", "authority",
    "board", "health", "hospital", "hospitals", "university", "college", "school",
    "academy", "institute", "institution", "foundation", "association", "society", "union",
    "federation", "confederation", "party", "club", "fund", "centre", "center", "alliance",
    "coalition", "network", "service", "police", "constabulary", "court", "parliament",
    "assembly", "senate", "congress", "cabinet", "treasury", "airways", "airlines", "air",
    "motors", "automotive", "energy", "power", "utilities", "water", "pharmaceuticals",
    "pharma", "therapeutics", "biotech", "biosciences", "labs", "laboratories", "media",
    "press", "publishing", "publications", "records", "studios", "entertainment",
    "partnership", "consortium", "directorate", "inspectorate", "tribunal", "regulator",
    "museum", "library", "gallery", "theatre", "orchestra", "church", "logistics", "hospice",
    "clinic", "infirmary", "data", "digital", "informatics", "healthcare", "computing",
    "minerals", "mining", "resources", "metals", "oil", "gas", "petroleum", "chemicals",
    "electronics", "semiconductor", "semiconductors", "motor", "brewing", "breweries",
    "foods", "retail", "stores", "supermarkets", "properties", "estates", "homes",
    "construction", "engineering", "aerospace", "defence", "defense", "ventures",
    "enterprises", "trading", "exchange", "markets", "survey", "organisation",
    "organization", "unit", "trusts", "councils", "agencies", "fc", "afc", "rfc", "ccg",
    "nhs", "gmbh", "ag", "sa", "nv", "bv", "spa", "srl", "pty", "oy", "ab", "asa", "kk",
]);

lexicon!(
    /// Legal-form suffixes: "Cerner Ltd" is the same entity as "Cerner".
    LEGAL, is_legal_suffix, [
    "ltd", "limited", "plc", "inc", "incorporated", "corp", "llc", "llp", "gmbh", "ag", "sa",
    "nv", "bv", "spa", "srl", "pty", "oy", "ab", "asa", "kk", "co",
]);

lexicon!(
    /// First words that start an organisation's name.
    ORG_PREFIX, is_org_prefix, [
    "nhs", "department", "ministry", "university", "bank", "royal", "national", "federal",
    "office", "institute", "college", "council", "board", "commission", "committee",
    "house", "court", "society", "association", "federation", "confederation", "agency",
    "bureau", "museum", "league",
]);

lexicon!(
    /// Publication-title cues (last word): "... Insider", "... Weekly".
    PUB_CUE, is_publication_cue, [
    "insider", "weekly", "times", "news", "post", "herald", "guardian", "telegraph",
    "journal", "gazette", "mail", "mirror", "express", "standard", "observer", "review",
    "magazine", "chronicle", "tribune", "echo", "argus", "courier", "digest", "wire",
    "today", "bulletin", "record", "independent", "economist", "monthly", "daily", "sun",
    "star", "advertiser", "examiner", "inquirer", "reporter", "sentinel", "dispatch",
    "gazette", "online", "radio", "tv", "television", "broadcasting",
]);

lexicon!(
    /// Head words after which `of` continues a name: "House of Commons".
    OF_HEAD, is_of_head, [
    "department", "ministry", "university", "bank", "house", "office", "institute",
    "institution", "college", "school", "academy", "society", "association", "federation",
    "confederation", "union", "council", "board", "commission", "committee", "court",
    "chamber", "museum", "gallery", "city", "county", "borough", "isle", "port", "duke",
    "duchess", "earl", "church", "order", "guild", "league", "bureau", "agency",
    "authority", "centre", "center", "foundation", "fund", "republic", "kingdom", "state",
    "states", "province", "district", "hospital", "hospitals", "trust", "college", "corps",
    "chartered", "worshipful", "friends", "sisters", "daughters", "sons", "archdiocese",
    "diocese", "cathedral", "bay", "gulf", "cape", "lake", "mount", "sea", "straits",
    "strait", "united",
]);

lexicon!(
    /// Head words after which `for` continues a name: "Office for ...".
    FOR_HEAD, is_for_head, [
    "department", "ministry", "office", "programme", "program", "centre", "center",
    "campaign", "alliance", "coalition", "network", "partnership", "institute", "council",
    "commission", "committee", "agency", "society", "association", "foundation", "fund",
    "trust", "school", "college", "academy", "forum", "board", "unit", "service",
    "services", "action", "coalition", "initiative", "authority", "union", "league",
]);

lexicon!(
    /// Last words of place names: "Castlebridge Road".
    PLACE_CUE, is_place_cue, [
    "street", "road", "avenue", "lane", "square", "drive", "crescent", "terrace", "gardens",
    "way", "boulevard", "highway", "bridge", "hill", "hills", "valley", "river", "lake",
    "island", "islands", "bay", "mountains", "mountain", "forest", "heath", "moor", "coast",
    "peninsula", "sea", "ocean", "desert", "province", "county", "shire", "airport",
    "harbour", "harbor", "canal", "estuary", "fjord", "glacier", "plateau", "basin",
]);

lexicon!(
    /// First words of place names: "Mount ...", "Lower ...".
    PLACE_PREFIX, is_place_prefix, [
    "mount", "lake", "port", "cape", "isle", "upper", "lower", "little", "great", "greater",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "new", "san", "santa", "los", "las", "fort", "glen", "st",
]);

lexicon!(
    /// Directions: "West Norfolk" is a place when "Norfolk" is.
    DIRECTION, is_direction, [
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "north-east", "north-west", "south-east", "south-west", "greater", "inner",
    "outer",
]);

lexicon!(
    /// Lowercase geographic nouns after a place: "the Atacama region".
    GEO_NOUN, is_geo_noun, [
    "region", "area", "province", "state", "county", "district", "valley", "basin", "desert",
    "coast", "city", "town", "village", "suburb", "capital", "borough", "peninsula",
    "island", "river", "mountains", "countryside", "border", "estuary",
]);

lexicon!(
    /// Nouns after a product's name: "its Millennium software".
    PRODUCT_NOUN, is_product_noun, [
    "system", "systems", "software", "product", "products", "platform", "app", "apps",
    "application", "suite", "package", "device", "devices", "handset", "smartphone",
    "phone", "tablet", "laptop", "console", "car", "vehicle", "model", "aircraft", "jet",
    "drug", "vaccine", "engine", "tool", "browser", "database", "chip", "processor",
    "operating", "release", "version", "module", "solution", "headset", "camera",
    "range", "brand", "truck", "van", "rifle", "robot", "drone", "satellite", "rocket",
]);

lexicon!(
    /// Prepositions before a place: "in Leeds".
    PLACE_PREP, is_place_preposition, [
    "in", "near", "outside", "across", "throughout", "around",
]);

lexicon!(
    /// Verbs before "by" naming a person: "founded by", "chaired by".
    BY_PERSON, is_by_person_verb, [
    "founded", "chaired", "written", "directed", "authored", "co-founded", "presented",
    "baked", "organised", "organized", "hosted", "coached", "managed", "painted", "composed",
    "sung", "performed", "photographed", "edited", "narrated", "interviewed",
]);

lexicon!(
    /// All-caps words that are common nouns, not organisations.
    ACRONYM_STOP, is_common_acronym, [
    "it", "ai", "gp", "gps", "pc", "pcs", "tv", "ceo", "cfo", "cto", "coo", "cio", "mp",
    "mps", "mep", "meps", "ok", "am", "pm", "faq", "pdf", "usb", "id", "iq", "dna", "hiv",
    "aids", "gdp", "vat", "atm", "sms", "cctv", "ivf", "mri", "ct", "ict", "hr", "pr", "suv",
    "led", "lcd", "pin", "ram", "cpu", "url", "html", "ip", "qc", "kc", "obe", "mbe", "cbe",
    "dj", "vip", "ufo", "nb", "agm", "ipo", "eta", "fyi", "asap", "usd", "gbp", "eur", "bst",
    "gmt", "utc", "est", "pst", "vp", "svp", "evp", "md", "phd", "ps", "re", "fw", "cv",
    "uk's", "tbc", "tba", "aka", "diy", "rip", "ad", "bc", "ce", "bce", "mph", "kph", "km",
    "kg", "gw", "mw", "kw", "gb", "mb", "tb", "hd", "4g", "5g", "3d", "pa", "ap", "ft",
    "no", "a&e", "r&d", "q1", "q2", "q3", "q4", "h1", "h2", "covid", "sars", "ppe", "icu",
    "gcse", "gcses", "sats", "mba", "bsc", "msc", "ba", "ma", "llb", "ii", "iii", "iv",
    "vi", "vii", "viii", "ix", "xi", "xii", "ceos", "api", "apis", "sdk", "saas", "erp",
    "crm", "wms", "ehr", "epr", "pas", "pacs", "ris", "lims", "hq", "uk-wide", "emea",
]);

lexicon!(
    /// Month names (full and abbreviated).
    MONTH, is_month, [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
]);

lexicon!(
    /// Weekday names.
    WEEKDAY, is_weekday, [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
]);

lexicon!(
    /// Lowercase nouns for an organisation, right before its name:
    /// "logistics firm X", "pension fund X", "Dutch chipmaker X".
    ORG_NOUN, is_org_noun, [
    "firm", "company", "group", "chain", "maker", "giant", "operator", "provider",
    "supplier", "retailer", "lender", "insurer", "airline", "carrier", "regulator",
    "watchdog", "charity", "body", "rival", "broker", "consultancy", "agency", "fund",
    "miner", "chipmaker", "carmaker", "startup", "start-up", "manufacturer", "developer",
    "publisher", "broadcaster", "newspaper", "bank", "conglomerate", "subsidiary",
    "outsourcer", "contractor", "vendor", "house", "club", "union", "party", "council",
    "utility", "telco", "network", "brand", "label", "studio", "distributor", "wholesaler",
    "supermarket", "grocer", "builder", "housebuilder", "consortium", "partner",
    "co-operative", "cooperative", "trust", "foundation", "institute", "university",
    "journal", "magazine", "website", "platform", "exchange", "investor", "owner",
]);

lexicon!(
    /// Nationality and language adjectives: not names on their own.
    DEMONYM, is_demonym, [
    "american", "british", "english", "scottish", "welsh", "irish", "french", "german",
    "dutch", "belgian", "spanish", "portuguese", "italian", "greek", "swiss", "austrian",
    "swedish", "norwegian", "danish", "finnish", "icelandic", "polish", "czech", "slovak",
    "hungarian", "romanian", "bulgarian", "serbian", "croatian", "slovenian", "bosnian",
    "albanian", "ukrainian", "russian", "belarusian", "lithuanian", "latvian", "estonian",
    "turkish", "cypriot", "maltese", "israeli", "palestinian", "lebanese", "syrian",
    "iraqi", "iranian", "saudi", "emirati", "qatari", "egyptian", "libyan", "tunisian",
    "algerian", "moroccan", "nigerian", "ghanaian", "kenyan", "ethiopian", "somali",
    "ugandan", "tanzanian", "rwandan", "zimbabwean", "zambian", "african",
    "indian", "pakistani", "bangladeshi", "afghan", "nepalese", "chinese", "japanese",
    "korean", "taiwanese", "vietnamese", "thai", "malaysian", "singaporean", "indonesian",
    "filipino", "australian", "canadian", "mexican", "brazilian", "argentine",
    "argentinian", "chilean", "peruvian", "colombian", "venezuelan", "cuban", "jamaican",
    "european", "asian", "arab", "latin", "nordic", "scandinavian", "antarctic", "arctic",
    "atlantic", "mediterranean", "caribbean", "western", "eastern", "northern", "southern",
    "urdu", "hindi", "punjabi", "bengali", "gujarati", "arabic", "mandarin", "cantonese",
    "farsi", "swahili", "hebrew", "latin", "gaelic", "kurdish", "tamil", "yiddish",
    "catholic", "protestant", "muslim", "christian", "jewish", "hindu", "sikh", "buddhist",
    "anglican", "european-wide",
]);

/// Name particles: "de", "van", "von".
pub(super) fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "van"
            | "von"
            | "der"
            | "den"
            | "du"
            | "da"
            | "di"
            | "del"
            | "della"
            | "le"
            | "la"
            | "bin"
            | "al"
            | "ter"
            | "ten"
    )
}

/// Irregular plural unit nouns for quantities ("1,200 staff").
pub(super) fn is_irregular_unit(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "staff"
            | "children"
            | "men"
            | "women"
            | "police"
            | "personnel"
            | "cattle"
            | "sheep"
            | "fish"
            | "feet"
            | "teeth"
            | "geese"
            | "mice"
            | "deer"
            | "aircraft"
            | "crew"
            | "livestock"
            | "offspring"
            | "kg"
            | "km"
            | "ft"
            | "mph"
            | "mw"
            | "gw"
            | "kw"
            | "kwh"
            | "mwh"
            | "gwh"
            | "tb"
            | "gb"
            | "mb"
            | "cm"
            | "mm"
            | "ha"
    )
}

/// Measurement suffixes written straight after a number ("1.5GW", "2km").
pub(super) fn is_measure_suffix(s: &str) -> bool {
    with_lower(s, |w| {
        matches!(
            w,
            "km" | "kg"
                | "g"
                | "mg"
                | "t"
                | "mw"
                | "gw"
                | "kw"
                | "kwh"
                | "mwh"
                | "gwh"
                | "twh"
                | "tb"
                | "gb"
                | "mb"
                | "cm"
                | "mm"
                | "ml"
                | "ha"
                | "mph"
                | "kph"
                | "ft"
                | "in"
                | "lb"
                | "lbs"
                | "oz"
                | "mi"
        )
    })
}

/// Value of a spelled-out number ("eight", "twenty-five", "dozen").
pub(super) fn number_word(word: &str) -> Option<f64> {
    if word.len() < 3 || word.len() > 15 || !word.is_ascii() {
        return None;
    }
    with_lower(word, |w| {
        if let Some((a, b)) = w.split_once('-') {
            let tens = simple_number(a)?;
            let units = simple_number(b)?;
            return (tens >= 20.0 && tens % 10.0 == 0.0 && units < 10.0).then_some(tens + units);
        }
        simple_number(w)
    })
}

fn simple_number(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "dozen" => 12.0,
        _ => return None,
    })
}

/// Scale words after a number: "million", "bn".
pub(super) fn scale_word(word: &str) -> Option<f64> {
    with_lower(word, |w| {
        Some(match w {
            "thousand" | "k" => 1e3,
            "million" | "m" | "mn" | "mln" => 1e6,
            "billion" | "bn" | "b" | "bln" => 1e9,
            "trillion" | "tn" | "trn" => 1e12,
            _ => return None,
        })
    })
}

/// Time units for durations and relative dates.
pub(super) fn is_time_unit(word: &str) -> bool {
    with_lower(word, |w| {
        matches!(
            w,
            "day"
                | "days"
                | "week"
                | "weeks"
                | "fortnight"
                | "fortnights"
                | "month"
                | "months"
                | "year"
                | "years"
                | "decade"
                | "decades"
                | "century"
                | "centuries"
                | "hour"
                | "hours"
                | "minute"
                | "minutes"
                | "weekend"
                | "weekends"
                | "quarter"
                | "quarters"
                | "season"
                | "seasons"
                | "night"
                | "nights"
                | "morning"
                | "afternoon"
                | "evening"
                | "spring"
                | "summer"
                | "autumn"
                | "winter"
                | "fall"
        )
    })
}

/// Generic first names.
static FIRST_NAMES: LazyLock<FastSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../../data/first_names.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.split_whitespace())
        .collect()
});

pub(super) fn is_first_name(word: &str) -> bool {
    FIRST_NAMES.contains(word)
}

/// Generic world gazetteer, lowercased.
static PLACES: LazyLock<FastSet<String>> = LazyLock::new(|| {
    include_str!("../../../data/places.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
});

/// Whether `name` (words separated by single spaces) is a known place.
pub(super) fn is_place(name: &str) -> bool {
    with_lower(name, |w| PLACES.contains(w))
}

/// The English word list: lowercase common words (no proper nouns),
/// decoded once from its front-coded form.
static DICT: LazyLock<FastSet<&'static str>> = LazyLock::new(|| {
    let raw = include_str!("../../../data/english_words.txt");
    let mut buf = String::with_capacity(raw.len() * 3);
    let mut ends = Vec::with_capacity(70_000);
    let mut word = String::new();
    for line in raw.lines() {
        let mut chars = line.chars();
        let Some(p) = chars.next().and_then(|c| c.to_digit(36)) else {
            continue;
        };
        // The list is ASCII, so any length is a char boundary.
        word.truncate((p as usize).min(word.len()));
        word.push_str(chars.as_str());
        buf.push_str(&word);
        ends.push(buf.len());
    }
    // The set lives as long as the program; so does its text.
    let buf: &'static str = Box::leak(buf.into_boxed_str());
    let mut set = FastSet::with_capacity_and_hasher(ends.len(), Default::default());
    let mut start = 0;
    for end in ends {
        set.insert(&buf[start..end]);
        start = end;
    }
    set
});

/// Whether `word` is an ordinary English word (case-insensitive), including
/// function words. Hyphenated words count when every part does.
pub(super) fn is_english_word(word: &str) -> bool {
    if word.contains('-') {
        return word
            .split('-')
            .all(|p| !p.is_empty() && (p.len() <= 2 || is_english_word(p)));
    }
    let word = word.trim_end_matches(['\'', '’']);
    with_lower(word, |w| DICT.contains(w) || FUNCTION.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_knows_common_words_not_names() {
        for w in [
            "despite",
            "Millennium",
            "reading",
            "apple",
            "borders",
            "hallowed",
            "the",
        ] {
            assert!(is_english_word(w), "{w}");
        }
        for w in ["Fujitsu", "Millenium", "Hextall", "Zyqorp"] {
            assert!(!is_english_word(w), "{w}");
        }
        assert!(is_english_word("roll-outs"));
    }

    #[test]
    fn lists() {
        assert!(is_place("new zealand") && is_place("Leeds"));
        assert!(!is_place("Zyqorp"));
        assert!(is_first_name("Gordon") && !is_first_name("gordon"));
        assert_eq!(number_word("twenty-five"), Some(25.0));
        assert_eq!(number_word("Eight"), Some(8.0));
        assert_eq!(scale_word("bn"), Some(1e9));
    }
}

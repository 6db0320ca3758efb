//! Serde helpers for the analysis types a cache stores (see
//! `corpus::cache`): jiff's `Weekday` has no serde impls of its own.

use super::Span;
use jiff::civil::Weekday;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A weekday as its offset from Monday (0–6).
struct Day(Weekday);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.to_monday_zero_offset().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        let n = i8::deserialize(d)?;
        Weekday::from_monday_zero_offset(n)
            .map(Day)
            .map_err(serde::de::Error::custom)
    }
}

pub mod weekday {
    use super::*;

    pub fn serialize<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        Day(*day).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        Day::deserialize(d).map(|day| day.0)
    }
}

pub mod opt_weekday {
    use super::*;

    pub fn serialize<S: Serializer>(day: &Option<Weekday>, s: S) -> Result<S::Ok, S::Error> {
        day.map(Day).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Weekday>, D::Error> {
        Ok(Option::<Day>::deserialize(d)?.map(|day| day.0))
    }
}

pub mod opt_weekday_span {
    use super::*;

    pub fn serialize<S: Serializer>(
        day: &Option<(Weekday, Span)>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        day.as_ref()
            .map(|(day, span)| (Day(*day), span.clone()))
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<(Weekday, Span)>, D::Error> {
        Ok(Option::<(Day, Span)>::deserialize(d)?.map(|(day, span)| (day.0, span)))
    }
}

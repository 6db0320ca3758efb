//! Civil dates, enough to write datelines and dates in running text.

use crate::Rng;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i64, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (Hinnant's days_from_civil).
    pub fn days(self) -> i64 {
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date { year, month, day }
    }

    pub fn plus(self, days: i64) -> Date {
        Date::from_days(self.days() + days)
    }

    /// 0 for Monday.
    pub fn weekday(self) -> usize {
        // 1970-01-01 was a Thursday.
        (self.days() + 3).rem_euclid(7) as usize
    }

    pub fn weekday_name(self) -> &'static str {
        WEEKDAYS[self.weekday()]
    }

    fn month_name(self) -> &'static str {
        MONTHS[self.month as usize - 1]
    }

    /// `15 July 2008`
    pub fn long(self) -> String {
        format!("{} {} {}", self.day, self.month_name(), self.year)
    }

    /// `July 15, 2008`
    pub fn us(self) -> String {
        format!("{} {}, {}", self.month_name(), self.day, self.year)
    }

    /// `July 15`
    pub fn us_short(self) -> String {
        format!("{} {}", self.month_name(), self.day)
    }

    /// The date as an article published on `published` writes it after
    /// "on": `12 June`, `12 June 2006`, `Monday 12 June`, or a weekday
    /// alone in the week before. Now and then the weekday is wrong.
    pub fn as_told(self, published: Date, r: &mut Rng) -> String {
        let before = published.days() - self.days();
        let same_year = self.year == published.year;
        let day_month = format!("{} {}", self.day, self.month_name());
        match r.below(10) {
            0 | 1 if (1..=6).contains(&before) => self.weekday_name().to_string(),
            2 => {
                let weekday = if r.chance(0.1) {
                    WEEKDAYS[(self.weekday() + 1 + r.below(6)) % 7]
                } else {
                    self.weekday_name()
                };
                if same_year {
                    format!("{weekday} {day_month}")
                } else {
                    format!("{weekday} {}", self.long())
                }
            }
            3..=5 if same_year => day_month,
            _ => self.long(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_weekdays() {
        for z in [-1000, 0, 12_000, 13_514, 20_000] {
            assert_eq!(Date::from_days(z).days(), z);
        }
        assert_eq!(Date::new(2008, 7, 15).weekday_name(), "Tuesday");
        assert_eq!(Date::new(2000, 2, 29).plus(1), Date::new(2000, 3, 1));
    }
}

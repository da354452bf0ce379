//! Fictional people and companies behind the leads: names, work emails and
//! phone numbers, derived from a hash of the seed and the lead's position so
//! they need no stored state. Domains use the reserved `.example` TLD and
//! phone numbers the fictional 555-01xx range.

use super::random::mix;

const FIRST: [&str; 40] = [
    "Avery", "Blake", "Camila", "Darius", "Elena", "Felix", "Grace", "Hiro", "Imani", "Jonas",
    "Keira", "Luis", "Maya", "Nikhil", "Olivia", "Pavel", "Quinn", "Rosa", "Samir", "Tessa",
    "Umar", "Vera", "Wes", "Xenia", "Yusuf", "Zoe", "Aiden", "Bianca", "Caleb", "Dalia", "Emil",
    "Freya", "Gavin", "Hana", "Ivan", "Julia", "Kofi", "Lara", "Mateo", "Nora",
];

const LAST: [&str; 40] = [
    "Abernathy",
    "Brightwell",
    "Castillo",
    "Dunmore",
    "Ellery",
    "Falkner",
    "Garrow",
    "Holloway",
    "Ibarra",
    "Jansen",
    "Kowalczyk",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Pellegrini",
    "Quist",
    "Rasmussen",
    "Sorensen",
    "Tanaka",
    "Underhill",
    "Valdez",
    "Whitcombe",
    "Xu",
    "Yilmaz",
    "Zimmer",
    "Ashdown",
    "Barros",
    "Calloway",
    "Demir",
    "Eastwood",
    "Fairbanks",
    "Grieve",
    "Haddad",
    "Iversen",
    "Jaramillo",
    "Kincaid",
    "Lockhart",
    "Marsden",
    "Novak",
];

const COMPANY_STEM: [&str; 24] = [
    "Bluepeak",
    "Harborline",
    "Ironwood",
    "Kestrel",
    "Lumen",
    "Maplecrest",
    "Northgate",
    "Opaline",
    "Pinecone",
    "Quarry",
    "Redfern",
    "Saltmarsh",
    "Tidewater",
    "Upland",
    "Vantage",
    "Westbrook",
    "Alder",
    "Birchfield",
    "Cobalt",
    "Driftwood",
    "Emberly",
    "Foxglove",
    "Granite",
    "Hollybrook",
];

const COMPANY_KIND: [&str; 12] = [
    "Logistics",
    "Foods",
    "Health",
    "Retail",
    "Energy",
    "Labs",
    "Freight",
    "Insurance",
    "Media",
    "Outdoor",
    "Software",
    "Manufacturing",
];

/// A contact's name and employer.
pub struct Person {
    /// `First Name`.
    pub first: &'static str,
    /// `Last Name`.
    pub last: &'static str,
    /// Employer, used for the email domain and deal names.
    pub company: Company,
}

/// A fictional company: stem and kind, e.g. "Bluepeak Logistics".
#[derive(Clone, Copy)]
pub struct Company {
    stem: &'static str,
    kind: &'static str,
}

impl Company {
    /// Display name, e.g. `Bluepeak Logistics`.
    pub fn name(self) -> String {
        format!("{} {}", self.stem, self.kind)
    }
}

/// The person behind lead number `index` (0-based, creation order).
pub fn person(seed: u64, index: usize) -> Person {
    let roll = mix(seed, index as u64);
    Person {
        first: FIRST[pick(roll, FIRST.len())],
        last: LAST[pick(roll >> 16, LAST.len())],
        company: Company {
            stem: COMPANY_STEM[pick(roll >> 32, COMPANY_STEM.len())],
            kind: COMPANY_KIND[pick(roll >> 48, COMPANY_KIND.len())],
        },
    }
}

/// Appends `first.last<n>@<company-domain>.example`, unique per lead.
pub fn email(person: &Person, index: usize, out: &mut String) {
    use std::fmt::Write;
    let company = person.company;
    let _ = write!(
        out,
        "{}.{}{}@{}-{}.example",
        person.first.to_lowercase(),
        person.last.to_lowercase(),
        index + 1,
        company.stem.to_lowercase(),
        company.kind.to_lowercase()
    );
}

/// Appends a `+1 555 01xx xxxx` number, or nothing for a third of the leads
/// (many web forms do not ask for one).
pub fn phone(seed: u64, index: usize, out: &mut String) {
    use std::fmt::Write;
    let roll = mix(seed ^ 0x5055_4f4e_4500, index as u64);
    if !roll.is_multiple_of(3) {
        let _ = write!(
            out,
            "+1 555 01{:02} {:04}",
            (roll >> 8) % 100,
            (roll >> 24) % 10_000
        );
    }
}

/// One of `choices`, chosen by a hash roll.
pub fn choose<'a>(choices: &[&'a str], roll: u64) -> &'a str {
    choices
        .get(pick(roll, choices.len()))
        .copied()
        .unwrap_or_default()
}

fn pick(roll: u64, len: usize) -> usize {
    (roll % len.max(1) as u64) as usize
}

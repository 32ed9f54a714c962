//! Invented people: names that fit where they come from, and e-mail addresses on the
//! reserved `example.*` domains. No real person is meant.

use super::dice::Dice;

/// Where a participant comes from, as the evaluation groups origins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Origin {
    Spain,
    Portugal,
    LatinAmerica,
    Morocco,
    EasternEurope,
    SubSaharanAfrica,
}

/// Origins of Latin American migrants living in Spain, by weight.
pub(crate) const LATAM_IN_SPAIN: &[(&str, u32)] = &[
    ("CO", 18),
    ("EC", 16),
    ("PE", 12),
    ("BO", 12),
    ("VE", 10),
    ("AR", 8),
    ("DO", 6),
    ("PY", 6),
    ("HN", 4),
    ("CU", 3),
    ("UY", 2),
    ("MX", 2),
    ("CL", 1),
];

/// Origins of Latin American migrants living in Portugal, by weight.
pub(crate) const LATAM_IN_PORTUGAL: &[(&str, u32)] =
    &[("BR", 70), ("VE", 15), ("CO", 8), ("AR", 4), ("UY", 3)];

pub(crate) const EASTERN_EUROPE: &[(&str, u32)] = &[
    ("RO", 50),
    ("UA", 20),
    ("BG", 15),
    ("MD", 8),
    ("PL", 4),
    ("RU", 3),
];

pub(crate) const SUB_SAHARAN: &[(&str, u32)] = &[
    ("SN", 30),
    ("ML", 15),
    ("GN", 12),
    ("NG", 10),
    ("GW", 10),
    ("AO", 8),
    ("CM", 5),
    ("CI", 5),
    ("GH", 3),
    ("MR", 2),
];

#[rustfmt::skip]
const ES_WOMEN: &[&str] = &[
    "María", "Carmen", "Ana", "Lucía", "Rocío", "Isabel", "Laura", "Cristina", "Marta", "Elena",
    "Pilar", "Rosario", "Macarena", "Inmaculada", "Sara", "Paula", "Cecilia", "Gloria",
];
#[rustfmt::skip]
const ES_MEN: &[&str] = &[
    "Antonio", "Manuel", "José", "Francisco", "Juan", "David", "Javier", "Daniel", "Rafael",
    "Miguel", "Alejandro", "Pablo", "Sergio", "Andrés", "Fernando", "Diego", "Luis", "Álvaro",
];
#[rustfmt::skip]
const ES_SURNAMES: &[&str] = &[
    "García", "Rodríguez", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
    "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Romero", "Vázquez", "Domínguez", "Márquez",
    "Castillo", "Ortega", "Delgado", "Navarro", "Ramos", "Vega", "Guerrero", "Flores", "Quispe",
    "Mamani", "Torres", "Rivera", "Cárdenas", "Salazar",
];
#[rustfmt::skip]
const PT_WOMEN: &[&str] = &[
    "Maria", "Ana", "Beatriz", "Joana", "Inês", "Mariana", "Catarina", "Sofia", "Rita", "Marta",
    "Carla", "Filipa", "Teresa", "Luísa", "Fernanda", "Juliana", "Patrícia", "Adriana",
];
#[rustfmt::skip]
const PT_MEN: &[&str] = &[
    "João", "José", "António", "Francisco", "Pedro", "Tiago", "Rui", "Miguel", "Nuno", "Paulo",
    "Ricardo", "Luís", "Carlos", "Bruno", "Rafael", "Gustavo", "Diogo", "Marcelo",
];
#[rustfmt::skip]
const PT_SURNAMES: &[&str] = &[
    "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa",
    "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida", "Ribeiro", "Pinto",
    "Carvalho", "Teixeira", "Correia", "Mendes", "Nascimento", "Barbosa",
];
const MA_WOMEN: &[&str] = &[
    "Fatima", "Khadija", "Amina", "Zineb", "Salma", "Naima", "Hafsa", "Samira", "Leila",
];
const MA_MEN: &[&str] = &[
    "Mohamed", "Youssef", "Ahmed", "Hassan", "Karim", "Rachid", "Omar", "Said", "Mustapha",
];
#[rustfmt::skip]
const MA_SURNAMES: &[&str] = &[
    "El Amrani", "Benali", "Alaoui", "Bennani", "El Idrissi", "Ouali", "Tazi", "Haddad", "Chraibi",
    "Ziani", "El Fassi", "Bakkali",
];
const EE_WOMEN: &[&str] = &[
    "Elena", "Ioana", "Andreea", "Mihaela", "Oksana", "Natalia", "Daria", "Iryna", "Svetla",
];
#[rustfmt::skip]
const EE_MEN: &[&str] = &[
    "Ion", "Andrei", "Mihai", "Vasile", "Dmytro", "Oleksandr", "Georgi", "Nicolae", "Piotr",
];
#[rustfmt::skip]
const EE_SURNAMES: &[&str] = &[
    "Popescu", "Ionescu", "Dumitru", "Stan", "Moldovan", "Shevchenko", "Kovalenko", "Petrov",
    "Georgiev", "Rusu", "Ceban", "Nowak",
];
#[rustfmt::skip]
const AF_WOMEN: &[&str] = &[
    "Aminata", "Fatou", "Awa", "Mariama", "Aïssatou", "Ngozi", "Adjoa", "Kadiatou", "Esperança",
];
#[rustfmt::skip]
const AF_MEN: &[&str] = &[
    "Mamadou", "Ibrahima", "Moussa", "Ousmane", "Abdoulaye", "Chinedu", "Kwame", "Sékou",
    "Adilson",
];
const AF_SURNAMES: &[&str] = &[
    "Diallo", "Ndiaye", "Traoré", "Camara", "Sow", "Keïta", "Diop", "Okafor", "Mensah", "Baldé",
    "Touré", "Cissé",
];

/// A full name and a matching e-mail address for participant number `n`.
pub(crate) fn person(
    dice: &mut Dice,
    origin: Origin,
    origin_code: &str,
    woman: bool,
    n: usize,
) -> (String, String) {
    let (women, men, surnames) = lists(origin, origin_code);
    let first = if woman {
        dice.pick(women)
    } else {
        dice.pick(men)
    };
    let last = dice.pick(surnames);
    // Spanish-speaking names carry two surnames.
    let name = if matches!(origin, Origin::Spain | Origin::LatinAmerica) && origin_code != "BR" {
        format!("{first} {last} {}", dice.pick(surnames))
    } else {
        format!("{first} {last}")
    };
    let domain = match origin {
        Origin::Spain => "example.es",
        Origin::Portugal => "example.pt",
        _ => "example.com",
    };
    let email = format!("{}.{}{n}@{domain}", ascii(first), ascii(last));
    (name, email)
}

/// A person's name for staff-like roles (mentors, experts): Spanish or Portuguese.
pub(crate) fn professional(dice: &mut Dice, portuguese: bool) -> String {
    let origin = if portuguese {
        Origin::Portugal
    } else {
        Origin::Spain
    };
    let woman = dice.chance(0.5);
    person(dice, origin, if portuguese { "PT" } else { "ES" }, woman, 0).0
}

fn lists(
    origin: Origin,
    code: &str,
) -> (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
) {
    match origin {
        Origin::Spain => (ES_WOMEN, ES_MEN, ES_SURNAMES),
        Origin::LatinAmerica if code == "BR" => (PT_WOMEN, PT_MEN, PT_SURNAMES),
        Origin::LatinAmerica => (ES_WOMEN, ES_MEN, ES_SURNAMES),
        Origin::Portugal => (PT_WOMEN, PT_MEN, PT_SURNAMES),
        Origin::Morocco => (MA_WOMEN, MA_MEN, MA_SURNAMES),
        Origin::EasternEurope => (EE_WOMEN, EE_MEN, EE_SURNAMES),
        Origin::SubSaharanAfrica => (AF_WOMEN, AF_MEN, AF_SURNAMES),
    }
}

/// Lower-case ASCII for an e-mail's local part: accents dropped, spaces as dots.
pub(crate) fn ascii(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let plain = match c {
                'á' | 'à' | 'â' | 'ã' | 'ä' | 'Á' | 'À' | 'Â' | 'Ã' => 'a',
                'é' | 'è' | 'ê' | 'ë' | 'É' | 'Ê' => 'e',
                'í' | 'ì' | 'î' | 'ï' | 'Í' => 'i',
                'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'Ó' | 'Ô' => 'o',
                'ú' | 'ù' | 'û' | 'ü' | 'Ú' => 'u',
                'ç' | 'Ç' => 'c',
                'ñ' | 'Ñ' => 'n',
                ' ' | '-' => '.',
                c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
                _ => return None,
            };
            Some(plain)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn it_makes_addresses_ascii() {
        assert_eq!(super::ascii("Álvaro"), "alvaro");
        assert_eq!(super::ascii("El Amrani"), "el.amrani");
        assert_eq!(super::ascii("Gonçalves"), "goncalves");
    }
}

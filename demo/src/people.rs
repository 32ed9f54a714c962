//! The participants: who they are, where they live and come from, and how they found the
//! programme. Registration dates spread over 2013–2015 and grow as the campaigns worked.

use ruta_domain::values::{AcquisitionChannel, Gender, Language, MigrantStatus, ProgrammeCountry};
use serde_json::json;

use super::clock::{on, Moment, FIRST_REGISTRATION, LAST_REGISTRATION, MINUTE};
use super::dice::Dice;
use super::names::{self, Origin};
use super::places::{Municipality, PORTUGAL, SPAIN};
use super::plan::{Plan, Stage, Who};
use super::Ids;
use ruta_commands::Channel;

/// A participant as the plan knows them.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub id: String,
    pub registered: Moment,
    pub home: Municipality,
    pub origin: Origin,
    pub origin_code: &'static str,
    pub status: MigrantStatus,
    pub language: Language,
    /// The channel they use the platform through.
    pub channel: Channel,
}

impl Person {
    pub(crate) fn is_migrant(&self) -> bool {
        self.status == MigrantStatus::Migrant
    }

    pub(crate) fn is_latin_american(&self) -> bool {
        self.origin == Origin::LatinAmerica
    }

    pub(crate) fn portuguese(&self) -> bool {
        self.home.country == ProgrammeCountry::Pt
    }

    /// The participant acting for themselves.
    pub(crate) fn acting(&self) -> Who {
        Who::participant(&self.id, self.channel)
    }

    /// Their partner desk acting for them.
    pub(crate) fn desk(&self) -> Who {
        Who::staff(self.home.desk)
    }

    /// Themselves with probability `own`, otherwise their desk for them (one draw of `dice`).
    pub(crate) fn acting_or_desk(&self, dice: &mut Dice, own: f64) -> Who {
        if dice.chance(own) {
            self.acting()
        } else {
            self.desk()
        }
    }
}

/// Draws `count` participants, earliest registration first.
// A unit fraction of the registration span stays within it and is never negative.
#[allow(clippy::cast_possible_truncation)]
pub(crate) fn draw(ids: &Ids, dice: &mut Dice, count: usize) -> Vec<Person> {
    let span = LAST_REGISTRATION - FIRST_REGISTRATION;
    let mut days: Vec<i64> = (0..count)
        // Registrations accelerate: fewer in 2013, most in 2014–2015.
        .map(|_| FIRST_REGISTRATION + (dice.unit().powf(0.75) * span as f64) as i64)
        .collect();
    days.sort_unstable();
    days.into_iter()
        .enumerate()
        .map(|(i, day)| {
            let registered = on(day, dice.between(8, 19), dice.between(0, 59));
            person(ids.participant(i + 1), registered, dice)
        })
        .collect()
}

fn person(id: String, registered: Moment, dice: &mut Dice) -> Person {
    let portuguese = dice.chance(0.38);
    let home = *dice.weighted(if portuguese { PORTUGAL } else { SPAIN });
    let status = *dice.weighted(&[
        (MigrantStatus::Migrant, 36),
        (MigrantStatus::NonMigrant, 61),
        (MigrantStatus::Undisclosed, 3),
    ]);
    let (origin, origin_code) = if status == MigrantStatus::NonMigrant {
        native(portuguese)
    } else {
        foreign(dice, portuguese)
    };
    let language = match (origin, portuguese) {
        (Origin::LatinAmerica, _) if origin_code == "BR" => Language::Pt,
        (Origin::Spain | Origin::LatinAmerica, false) => Language::Es,
        (Origin::LatinAmerica, true) => *dice.pick(&[Language::Es, Language::Pt]),
        (Origin::Portugal, _) => Language::Pt,
        _ if dice.chance(0.4) => Language::En,
        (_, true) => Language::Pt,
        (_, false) => Language::Es,
    };
    let channel = if status == MigrantStatus::NonMigrant {
        *dice.weighted(&[
            (Channel::Web, 45),
            (Channel::Android, 25),
            (Channel::Ios, 15),
            (Channel::InternetAccessPoint, 15),
        ])
    } else {
        // The seed: Internet Access Points were how the programme reached migrants.
        *dice.weighted(&[
            (Channel::InternetAccessPoint, 45),
            (Channel::Web, 25),
            (Channel::Android, 25),
            (Channel::Ios, 5),
        ])
    };
    Person {
        id,
        registered,
        home,
        origin,
        origin_code,
        status,
        language,
        channel,
    }
}

fn native(portuguese: bool) -> (Origin, &'static str) {
    if portuguese {
        (Origin::Portugal, "PT")
    } else {
        (Origin::Spain, "ES")
    }
}

fn foreign(dice: &mut Dice, portuguese: bool) -> (Origin, &'static str) {
    let origin = *dice.weighted(&[
        (Origin::LatinAmerica, 60),
        (Origin::Morocco, 15),
        (Origin::EasternEurope, 15),
        (Origin::SubSaharanAfrica, 10),
    ]);
    let code = match origin {
        Origin::LatinAmerica if portuguese => *dice.weighted(names::LATAM_IN_PORTUGAL),
        Origin::LatinAmerica => *dice.weighted(names::LATAM_IN_SPAIN),
        Origin::Morocco => "MA",
        Origin::EasternEurope => *dice.weighted(names::EASTERN_EUROPE),
        _ => *dice.weighted(names::SUB_SAHARAN),
    };
    (origin, code)
}

/// Registration and consents of every participant, in their own lane.
pub(crate) fn plan(plan: &mut Plan, dice: &mut Dice, people: &[Person]) {
    for (i, p) in people.iter().enumerate() {
        let gender = *dice.weighted(&[
            (Gender::Female, 51),
            (Gender::Male, 46),
            (Gender::NonBinary, 1),
            (Gender::Undisclosed, 2),
        ]);
        let woman = match gender {
            Gender::Female => true,
            Gender::Male => false,
            _ => dice.chance(0.5),
        };
        let (name, email) = names::person(dice, p.origin, p.origin_code, woman, i + 1);
        let acquisition = acquisition(dice, p);
        let registrar = Who::staff_on(p.home.desk, p.channel);
        plan.push(
            Stage::Journeys,
            &p.id,
            p.registered,
            registrar,
            &p.id,
            json!({
                "type": "RegisterParticipant", "name": name, "email": email,
                "preferred_language": p.language, "country_of_residence": p.home.country,
                "municipality": p.home.name, "country_of_origin": p.origin_code,
                "migrant_status": p.status, "gender": gender, "channel": acquisition,
            }),
        );
        let consent = |purpose: &str| json!({"type": "GiveConsent", "purpose": purpose});
        plan.push(
            Stage::Journeys,
            &p.id,
            p.registered + 2 * MINUTE,
            p.acting(),
            &p.id,
            consent("data_processing"),
        );
        if dice.chance(0.4) {
            plan.push(
                Stage::Journeys,
                &p.id,
                p.registered + 3 * MINUTE,
                p.acting(),
                &p.id,
                consent("newsletter"),
            );
        }
    }
}

/// How they came: their channel, or an event or a partner organisation that sent them.
fn acquisition(dice: &mut Dice, p: &Person) -> AcquisitionChannel {
    if dice.chance(0.2) {
        return *dice.pick(&[AcquisitionChannel::Event, AcquisitionChannel::Partner]);
    }
    match p.channel {
        Channel::Android => AcquisitionChannel::Android,
        Channel::Ios => AcquisitionChannel::Ios,
        Channel::InternetAccessPoint => AcquisitionChannel::InternetAccessPoint,
        _ => AcquisitionChannel::Web,
    }
}

use super::*;
use crate::testing::given;

fn register() -> RegisterParticipant {
    RegisterParticipant {
        name: " Ana Pérez ".into(),
        email: "ana@example.es".into(),
        preferred_language: Language::Es,
        country_of_residence: ProgrammeCountry::Es,
        municipality: "Lepe".into(),
        country_of_origin: "co".into(),
        migrant_status: MigrantStatus::Migrant,
        gender: Gender::Female,
        channel: AcquisitionChannel::InternetAccessPoint,
    }
}

fn registered() -> ParticipantEvent {
    ParticipantEvent::ParticipantRegistered {
        name: "Ana Pérez".into(),
        email: "ana@example.es".into(),
        preferred_language: Language::Es,
        country_of_residence: ProgrammeCountry::Es,
        municipality: "Lepe".into(),
        country_of_origin: CountryCode::parse("c", "CO").expect("valid"),
        migrant_status: MigrantStatus::Migrant,
        gender: Gender::Female,
        channel: AcquisitionChannel::InternetAccessPoint,
    }
}

#[test]
fn it_registers_with_trimmed_and_normalised_data() {
    given::<Participant>(&[])
        .when(ParticipantCommand::Register(register()))
        .then(&[registered()]);
}

#[test]
fn it_registers_only_once() {
    given::<Participant>(&[registered()])
        .when(ParticipantCommand::Register(register()))
        .then_rule("participant_already_registered");
}

#[test]
fn it_names_the_invalid_field() {
    let mut cmd = register();
    cmd.email = "not-an-email".into();
    given::<Participant>(&[])
        .when(ParticipantCommand::Register(cmd))
        .then_invalid("email");
    let mut cmd = register();
    cmd.country_of_origin = "Colombia".into();
    given::<Participant>(&[])
        .when(ParticipantCommand::Register(cmd))
        .then_invalid("country_of_origin");
}

#[test]
fn it_records_only_real_profile_changes() {
    let update = UpdateProfile {
        municipality: Some("Faro".into()),
        name: Some("Ana Pérez".into()),
        ..UpdateProfile::default()
    };
    let state = given::<Participant>(&[registered()])
        .when(ParticipantCommand::UpdateProfile(update.clone()))
        .then(&[ParticipantEvent::ParticipantProfileUpdated {
            name: None,
            email: None,
            preferred_language: None,
            country_of_residence: None,
            municipality: Some("Faro".into()),
            country_of_origin: None,
            migrant_status: None,
            gender: None,
        }]);
    assert_eq!(state.profile.map(|p| p.municipality), Some("Faro".into()));
    given::<Participant>(&[registered()])
        .when(ParticipantCommand::UpdateProfile(UpdateProfile::default()))
        .then(&[]);
}

#[test]
fn it_cannot_update_an_unknown_participant() {
    given::<Participant>(&[])
        .when(ParticipantCommand::UpdateProfile(UpdateProfile::default()))
        .then_not_found();
}

#[test]
fn it_gives_and_withdraws_consent() {
    let given_consent = ParticipantEvent::ConsentGiven {
        purpose: ConsentPurpose::Newsletter,
    };
    given::<Participant>(&[registered()])
        .when(ParticipantCommand::GiveConsent(ConsentPurpose::Newsletter))
        .then(std::slice::from_ref(&given_consent));
    given::<Participant>(&[registered(), given_consent.clone()])
        .when(ParticipantCommand::GiveConsent(ConsentPurpose::Newsletter))
        .then(&[]);
    given::<Participant>(&[registered(), given_consent])
        .when(ParticipantCommand::WithdrawConsent(
            ConsentPurpose::Newsletter,
        ))
        .then(&[ParticipantEvent::ConsentWithdrawn {
            purpose: ConsentPurpose::Newsletter,
        }]);
    given::<Participant>(&[registered()])
        .when(ParticipantCommand::WithdrawConsent(
            ConsentPurpose::Newsletter,
        ))
        .then_rule("consent_not_given");
}

#[test]
fn it_declares_self_employment_once() {
    let declared = ParticipantEvent::SelfEmploymentDeclared {
        activity: "online shop".into(),
    };
    given::<Participant>(&[registered()])
        .when(ParticipantCommand::DeclareSelfEmployment {
            activity: "online shop".into(),
        })
        .then(std::slice::from_ref(&declared));
    given::<Participant>(&[registered(), declared])
        .when(ParticipantCommand::DeclareSelfEmployment {
            activity: "again".into(),
        })
        .then_rule("already_self_employed");
}

#[test]
fn it_puts_the_participant_in_the_subjects() {
    let subjects = given::<Participant>(&[])
        .when(ParticipantCommand::Register(register()))
        .subjects();
    assert_eq!(subjects, vec!["agg-1".to_owned()]);
}

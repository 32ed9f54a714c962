use super::*;
use crate::testing::given;

fn org(name: &str, country: &str) -> Organisation {
    Organisation {
        name: name.into(),
        country: CountryCode::parse("c", country).expect("country"),
    }
}

fn establish(organisations: Vec<Organisation>) -> CooperationNetworkCommand {
    CooperationNetworkCommand::Establish(EstablishCooperationNetwork {
        name: "Red Guadiana".into(),
        organisations,
        purpose: "Shared mentoring for migrant entrepreneurs".into(),
    })
}

fn country(code: &str) -> CountryCode {
    CountryCode::parse("c", code).expect("country")
}

fn established_in_spain() -> CooperationNetworkEvent {
    CooperationNetworkEvent::CooperationNetworkEstablished {
        name: "Red Guadiana".into(),
        organisations: vec![org("Ayuntamiento de Lepe", "ES"), org("CEEI Huelva", "ES")],
        purpose: "Shared mentoring for migrant entrepreneurs".into(),
        countries: vec![country("ES")],
        cross_border: false,
    }
}

#[test]
fn it_establishes_a_cross_border_network() {
    let state = given::<CooperationNetwork>(&[])
        .when(establish(vec![
            org("CEEI Huelva", "es"),
            org("CEEI Algarve", "PT"),
        ]))
        .then(&[CooperationNetworkEvent::CooperationNetworkEstablished {
            name: "Red Guadiana".into(),
            organisations: vec![org("CEEI Huelva", "ES"), org("CEEI Algarve", "PT")],
            purpose: "Shared mentoring for migrant entrepreneurs".into(),
            countries: vec![country("ES"), country("PT")],
            cross_border: true,
        }]);
    assert!(state.cross_border);
    given::<CooperationNetwork>(&[])
        .when(establish(vec![
            org("Ayuntamiento de Lepe", "ES"),
            org("CEEI Huelva", "ES"),
        ]))
        .then(&[established_in_spain()]);
}

#[test]
fn it_needs_two_distinct_organisations_and_valid_countries() {
    given::<CooperationNetwork>(&[])
        .when(establish(vec![org("CEEI Huelva", "ES")]))
        .then_rule("cooperation_network_needs_two_organisations");
    given::<CooperationNetwork>(&[])
        .when(establish(vec![
            org("CEEI Huelva", "ES"),
            org("ceei huelva", "ES"),
        ]))
        .then_invalid("organisations");
    let bad = Organisation {
        name: "X".into(),
        country: serde_json::from_str("\"Spain\"").expect("any string deserialises"),
    };
    given::<CooperationNetwork>(&[])
        .when(establish(vec![org("CEEI Huelva", "ES"), bad]))
        .then_invalid("organisations");
    given::<CooperationNetwork>(&[established_in_spain()])
        .when(establish(vec![org("A", "ES"), org("B", "PT")]))
        .then_rule("cooperation_network_already_established");
}

#[test]
fn it_becomes_cross_border_when_a_foreign_member_joins() {
    let state = given::<CooperationNetwork>(&[established_in_spain()])
        .when(CooperationNetworkCommand::Join(org("NERA", "PT")))
        .then(&[CooperationNetworkEvent::CooperationNetworkMemberJoined {
            organisation: org("NERA", "PT"),
            countries: vec![country("ES"), country("PT")],
            cross_border: true,
        }]);
    assert!(state.cross_border);
    assert_eq!(state.organisations.len(), 3);
}

#[test]
fn it_lets_an_organisation_join_once() {
    given::<CooperationNetwork>(&[established_in_spain()])
        .when(CooperationNetworkCommand::Join(org("CEEI HUELVA", "ES")))
        .then_rule("organisation_already_member");
    given::<CooperationNetwork>(&[])
        .when(CooperationNetworkCommand::Join(org("NERA", "PT")))
        .then_not_found();
}

#[test]
fn it_concerns_no_participant() {
    assert!(given::<CooperationNetwork>(&[established_in_spain()])
        .when(CooperationNetworkCommand::Join(org("NERA", "PT")))
        .subjects()
        .is_empty());
}

use super::*;
use crate::testing::given;

fn profile() -> ExpertProfile {
    ExpertProfile {
        name: "Rui Costa".into(),
        organisation: "Gabinete Fiscal do Algarve".into(),
        areas: [AreaOfSupport::Tax, AreaOfSupport::CrossBorder].into(),
    }
}

fn registered() -> ExpertEvent {
    ExpertEvent::ExpertRegistered {
        expert_id: "e1".into(),
        profile: profile(),
    }
}

#[test]
fn it_registers_an_expert_once_with_an_area() {
    let register = |profile| ExpertCommand::Register {
        expert_id: "e1".into(),
        profile,
    };
    given::<Expert>(&[])
        .when(register(profile()))
        .then(&[registered()]);
    given::<Expert>(&[registered()])
        .when(register(profile()))
        .then_rule("expert_already_registered");
    let mut none = profile();
    none.areas.clear();
    given::<Expert>(&[])
        .when(register(none))
        .then_invalid("areas");
}

#[test]
fn it_lets_the_expert_or_staff_update() {
    let update = || {
        ExpertCommand::Update(UpdateExpert {
            areas: Some([AreaOfSupport::Web20].into()),
            ..UpdateExpert::default()
        })
    };
    let mut expected = profile();
    expected.areas = [AreaOfSupport::Web20].into();
    given::<Expert>(&[registered()])
        .when_by(&Actor::new("e1", Role::Expert), update())
        .then(&[ExpertEvent::ExpertProfileUpdated {
            expert_id: "e1".into(),
            profile: expected,
        }]);
    given::<Expert>(&[registered()])
        .when_by(&Actor::new("e2", Role::Expert), update())
        .then_forbidden();
}

#[test]
fn it_retires_once() {
    let retired = ExpertEvent::ExpertRetired {
        expert_id: "e1".into(),
    };
    let state = given::<Expert>(&[registered()])
        .when(ExpertCommand::Retire)
        .then(std::slice::from_ref(&retired));
    assert_eq!(state.standing().map(|s| s.retired), Some(true));
    given::<Expert>(&[registered(), retired])
        .when(ExpertCommand::Retire)
        .then_rule("expert_already_retired");
}

#[test]
fn it_lets_only_registered_active_experts_answer() {
    let standing = ExpertStanding {
        areas: [AreaOfSupport::Tax].into(),
        retired: false,
    };
    let expert = Actor::new("e1", Role::Expert);
    assert!(answering_expert(&expert, Some(&standing)).is_ok());
    assert!(matches!(
        answering_expert(&Actor::new("s", Role::Staff), Some(&standing)),
        Err(DomainError::Forbidden { .. })
    ));
    assert!(matches!(
        answering_expert(&expert, None),
        Err(DomainError::RuleBroken {
            rule: "expert_not_registered",
            ..
        })
    ));
    let retired = ExpertStanding {
        retired: true,
        ..standing
    };
    assert!(matches!(
        answering_expert(&expert, Some(&retired)),
        Err(DomainError::RuleBroken {
            rule: "expert_retired",
            ..
        })
    ));
}

#[test]
fn it_spells_the_areas_as_the_programme_does() {
    let json = serde_json::to_string(&[AreaOfSupport::Web20, AreaOfSupport::SocialNetworking])
        .expect("json");
    assert_eq!(json, r#"["web_2_0","social_networking"]"#);
}

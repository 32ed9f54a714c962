use super::*;
use crate::testing::given;

fn profile(capacity: u8) -> MentorProfile {
    MentorProfile {
        name: "Lucía Gómez".into(),
        areas_of_expertise: [AreaOfSupport::Marketing, AreaOfSupport::Financing].into(),
        languages: [Language::Es, Language::Pt].into(),
        bio: "Twenty years running a tourism business in Huelva.".into(),
        capacity,
    }
}

fn registered(capacity: u8) -> MentorEvent {
    MentorEvent::MentorRegistered {
        mentor_id: "m1".into(),
        profile: profile(capacity),
    }
}

fn taken(mentorship: &str, active: u32) -> MentorEvent {
    MentorEvent::MenteeTaken {
        mentor_id: "m1".into(),
        mentorship_id: mentorship.into(),
        active_mentees: active,
        capacity: 1,
    }
}

fn me() -> Actor {
    Actor::new("m1", Role::Mentor)
}

fn take(mentorship: &str) -> MentorCommand {
    MentorCommand::TakeMentee {
        mentorship_id: mentorship.into(),
    }
}

#[test]
fn it_registers_a_mentor_once() {
    let register = || MentorCommand::Register {
        mentor_id: "m1".into(),
        profile: profile(2),
    };
    let state = given::<Mentor>(&[]).when(register()).then(&[registered(2)]);
    assert_eq!(state.status(), Some(MentorStatus::Active));
    given::<Mentor>(&[registered(2)])
        .when(register())
        .then_rule("mentor_already_registered");
}

#[test]
fn it_validates_the_profile() {
    let mut p = profile(0);
    given::<Mentor>(&[])
        .when(MentorCommand::Register {
            mentor_id: "m1".into(),
            profile: p.clone(),
        })
        .then_invalid("capacity");
    p.capacity = 2;
    p.languages.clear();
    given::<Mentor>(&[])
        .when(MentorCommand::Register {
            mentor_id: "m1".into(),
            profile: p,
        })
        .then_invalid("languages");
}

#[test]
fn it_lets_the_mentor_or_staff_update_and_nobody_else() {
    let update = || {
        MentorCommand::Update(UpdateMentor {
            capacity: Some(3),
            ..UpdateMentor::default()
        })
    };
    let mut expected = profile(2);
    expected.capacity = 3;
    given::<Mentor>(&[registered(2)])
        .when_by(&me(), update())
        .then(&[MentorEvent::MentorProfileUpdated {
            mentor_id: "m1".into(),
            profile: expected,
        }]);
    given::<Mentor>(&[registered(2)])
        .when_by(&Actor::new("m2", Role::Mentor), update())
        .then_forbidden();
    given::<Mentor>(&[registered(2)])
        .when(MentorCommand::Update(UpdateMentor::default()))
        .then(&[]);
    given::<Mentor>(&[]).when(update()).then_not_found();
}

#[test]
fn it_takes_mentees_up_to_its_capacity() {
    given::<Mentor>(&[registered(1)])
        .when_by(&me(), take("ms1"))
        .then(&[taken("ms1", 1)]);
    given::<Mentor>(&[registered(1), taken("ms1", 1)])
        .when_by(&me(), take("ms2"))
        .then_rule("mentor_at_capacity");
}

#[test]
fn it_takes_the_same_mentorship_only_once() {
    given::<Mentor>(&[registered(1), taken("ms1", 1)])
        .when_by(&me(), take("ms1"))
        .then(&[]);
}

#[test]
fn it_frees_a_slot_when_a_mentee_is_released() {
    let released = MentorEvent::MenteeReleased {
        mentor_id: "m1".into(),
        mentorship_id: "ms1".into(),
        active_mentees: 0,
    };
    let release = || MentorCommand::ReleaseMentee {
        mentorship_id: "ms1".into(),
    };
    given::<Mentor>(&[registered(1), taken("ms1", 1)])
        .when(release())
        .then(std::slice::from_ref(&released));
    given::<Mentor>(&[registered(1), taken("ms1", 1), released.clone()])
        .when(release())
        .then(&[]);
    given::<Mentor>(&[registered(1), taken("ms1", 1), released])
        .when_by(&me(), take("ms2"))
        .then(&[taken("ms2", 1)]);
}

#[test]
fn it_lets_only_that_mentor_or_staff_take_a_mentee() {
    given::<Mentor>(&[registered(1)])
        .when_by(&Actor::new("m2", Role::Mentor), take("ms1"))
        .then_forbidden();
}

#[test]
fn it_keeps_capacity_above_active_mentees() {
    given::<Mentor>(&[registered(2), taken("ms1", 1)])
        .when(MentorCommand::Update(UpdateMentor {
            capacity: Some(1),
            ..UpdateMentor::default()
        }))
        .then(&[MentorEvent::MentorProfileUpdated {
            mentor_id: "m1".into(),
            profile: profile(1),
        }]);
    given::<Mentor>(&[registered(2), taken("ms1", 1), taken("ms2", 2)])
        .when(MentorCommand::Update(UpdateMentor {
            capacity: Some(1),
            ..UpdateMentor::default()
        }))
        .then_rule("capacity_below_active_mentees");
}

#[test]
fn it_retires_and_a_retired_mentor_takes_nobody() {
    let retired = MentorEvent::MentorRetired {
        mentor_id: "m1".into(),
        active_mentees: 0,
    };
    given::<Mentor>(&[registered(2)])
        .when(MentorCommand::Retire)
        .then(std::slice::from_ref(&retired));
    given::<Mentor>(&[registered(2), retired.clone()])
        .when(MentorCommand::Retire)
        .then_rule("mentor_already_retired");
    given::<Mentor>(&[registered(2), retired.clone()])
        .when_by(&me(), take("ms1"))
        .then_rule("mentor_retired");
    given::<Mentor>(&[registered(2), retired])
        .when_by(&me(), MentorCommand::Update(UpdateMentor::default()))
        .then_rule("mentor_retired");
}

#[test]
fn it_concerns_no_participant() {
    let subjects = given::<Mentor>(&[registered(1)])
        .when_by(&me(), take("ms1"))
        .subjects();
    assert!(subjects.is_empty());
}

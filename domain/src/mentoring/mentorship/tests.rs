use super::*;
use crate::testing::given;
use chrono::NaiveDate;

fn mentor() -> Actor {
    Actor::new("m1", Role::Mentor)
}

fn mentee() -> Actor {
    Actor::new("p1", Role::Participant)
}

fn request(mentor: Option<MentorStatus>) -> MentorshipCommand {
    MentorshipCommand::Request {
        participant_id: "p1".into(),
        mentor_id: "m1".into(),
        needs: "Pricing my catering services".into(),
        participant_registered: true,
        mentor,
    }
}

fn requested() -> MentorshipEvent {
    MentorshipEvent::MentorshipRequested {
        participant_id: "p1".into(),
        mentor_id: "m1".into(),
        needs: "Pricing my catering services".into(),
    }
}

fn accepted() -> MentorshipEvent {
    MentorshipEvent::MentorshipAccepted {
        participant_id: "p1".into(),
        mentor_id: "m1".into(),
    }
}

fn session(minutes: u16) -> MentoringSession {
    MentoringSession {
        date: NaiveDate::from_ymd_opt(2014, 5, 20).expect("date"),
        minutes,
        topics: vec!["pricing".into()],
    }
}

fn goal_set() -> MentorshipEvent {
    MentorshipEvent::MentoringGoalSet {
        participant_id: "p1".into(),
        goal_id: "g1".into(),
        description: "A price list".into(),
    }
}

#[test]
fn it_lets_a_registered_participant_request_an_active_mentor() {
    given::<Mentorship>(&[])
        .when_by(&mentee(), request(Some(MentorStatus::Active)))
        .then(&[requested()]);
    given::<Mentorship>(&[])
        .when_by(&mentee(), request(None))
        .then_not_found();
    given::<Mentorship>(&[])
        .when_by(&mentee(), request(Some(MentorStatus::Retired)))
        .then_rule("mentor_retired");
    given::<Mentorship>(&[])
        .when_by(
            &Actor::new("p2", Role::Participant),
            request(Some(MentorStatus::Active)),
        )
        .then_forbidden();
    given::<Mentorship>(&[requested()])
        .when(request(Some(MentorStatus::Active)))
        .then_rule("mentorship_already_exists");
}

#[test]
fn it_lets_only_that_mentor_accept_or_decline() {
    given::<Mentorship>(&[requested()])
        .when_by(&mentor(), MentorshipCommand::Accept)
        .then(&[accepted()]);
    for someone in [Actor::new("m2", Role::Mentor), mentee()] {
        given::<Mentorship>(&[requested()])
            .when_by(&someone, MentorshipCommand::Accept)
            .then_forbidden();
    }
    given::<Mentorship>(&[requested()])
        .when(MentorshipCommand::Decline { reason: None })
        .then_forbidden();
    given::<Mentorship>(&[requested()])
        .when_by(
            &mentor(),
            MentorshipCommand::Decline {
                reason: Some("No time this term".into()),
            },
        )
        .then(&[MentorshipEvent::MentorshipDeclined {
            participant_id: "p1".into(),
            mentor_id: "m1".into(),
            reason: Some("No time this term".into()),
        }]);
}

#[test]
fn it_answers_a_request_once() {
    given::<Mentorship>(&[requested(), accepted()])
        .when_by(&mentor(), MentorshipCommand::Accept)
        .then_rule("mentorship_not_pending");
    given::<Mentorship>(&[])
        .when_by(&mentor(), MentorshipCommand::Accept)
        .then_not_found();
}

#[test]
fn it_logs_sessions_of_an_accepted_mentorship() {
    given::<Mentorship>(&[requested(), accepted()])
        .when_by(&mentor(), MentorshipCommand::LogSession(session(90)))
        .then(&[MentorshipEvent::MentoringSessionLogged {
            participant_id: "p1".into(),
            mentor_id: "m1".into(),
            date: NaiveDate::from_ymd_opt(2014, 5, 20).expect("date"),
            minutes: 90,
            topics: vec!["pricing".into()],
        }]);
    given::<Mentorship>(&[requested()])
        .when_by(&mentor(), MentorshipCommand::LogSession(session(90)))
        .then_rule("mentorship_not_active");
    given::<Mentorship>(&[requested(), accepted()])
        .when_by(&mentor(), MentorshipCommand::LogSession(session(601)))
        .then_invalid("minutes");
    given::<Mentorship>(&[requested(), accepted()])
        .when_by(&mentee(), MentorshipCommand::LogSession(session(60)))
        .then_forbidden();
}

#[test]
fn it_sets_and_achieves_goals() {
    let past = [requested(), accepted(), goal_set()];
    given::<Mentorship>(&[requested(), accepted()])
        .when_by(
            &mentee(),
            MentorshipCommand::SetGoal {
                goal_id: "g1".into(),
                description: "A price list".into(),
            },
        )
        .then(&[goal_set()]);
    given::<Mentorship>(&past)
        .when_by(
            &mentor(),
            MentorshipCommand::SetGoal {
                goal_id: "g1".into(),
                description: "Again".into(),
            },
        )
        .then_rule("goal_already_set");
    let achieved = MentorshipEvent::MentoringGoalAchieved {
        participant_id: "p1".into(),
        goal_id: "g1".into(),
    };
    let achieve = |id: &str| MentorshipCommand::AchieveGoal { goal_id: id.into() };
    given::<Mentorship>(&past)
        .when_by(&mentor(), achieve("g1"))
        .then(std::slice::from_ref(&achieved));
    given::<Mentorship>(&past)
        .when_by(&mentor(), achieve("g9"))
        .then_rule("unknown_goal");
    given::<Mentorship>(&[requested(), accepted(), goal_set(), achieved])
        .when_by(&mentor(), achieve("g1"))
        .then_rule("goal_already_achieved");
}

#[test]
fn it_closes_with_an_outcome_and_its_totals() {
    let logged = MentorshipEvent::MentoringSessionLogged {
        participant_id: "p1".into(),
        mentor_id: "m1".into(),
        date: NaiveDate::from_ymd_opt(2014, 5, 20).expect("date"),
        minutes: 45,
        topics: vec!["pricing".into()],
    };
    let close = || {
        MentorshipCommand::Close(CloseMentorship {
            outcome: MentorshipOutcome::PartiallyAchieved,
            notes: None,
        })
    };
    let closed = MentorshipEvent::MentorshipClosed {
        participant_id: "p1".into(),
        mentor_id: "m1".into(),
        outcome: MentorshipOutcome::PartiallyAchieved,
        notes: None,
        sessions: 2,
        total_minutes: 90,
        goals_set: 1,
        goals_achieved: 0,
    };
    let past = [requested(), accepted(), logged.clone(), logged, goal_set()];
    let state = given::<Mentorship>(&past)
        .when_by(&mentee(), close())
        .then(std::slice::from_ref(&closed));
    assert_eq!(state.status, MentorshipStatus::Closed);
    given::<Mentorship>(&[requested(), accepted(), closed])
        .when_by(&mentor(), close())
        .then_rule("mentorship_not_active");
    given::<Mentorship>(&[requested()])
        .when_by(&mentor(), close())
        .then_rule("mentorship_not_active");
}

#[test]
fn it_concerns_the_mentee() {
    let subjects = given::<Mentorship>(&[requested()])
        .when_by(&mentor(), MentorshipCommand::Accept)
        .subjects();
    assert_eq!(subjects, ["p1"]);
}

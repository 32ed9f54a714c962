use super::*;
use crate::testing::given;
use crate::values::{Language, ProgrammeCountry};
use crate::Role;
use chrono::NaiveDate;

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2014, 5, 20).expect("date")
}

fn schedule() -> ScheduleProgrammeEvent {
    ScheduleProgrammeEvent {
        kind: ProgrammeEventKind::ExpertForum,
        title: "Foro de financiación".into(),
        city: "Huelva".into(),
        country: ProgrammeCountry::Es,
        date: date(),
        languages: [Language::Es, Language::Pt].into(),
        organiser: "Diputación de Huelva".into(),
    }
}

fn scheduled() -> ProgrammeEventEvent {
    let s = schedule();
    ProgrammeEventEvent::ProgrammeEventScheduled {
        kind: s.kind,
        title: s.title,
        city: s.city,
        country: s.country,
        date: s.date,
        languages: s.languages,
        organiser: s.organiser,
    }
}

fn registered(participant_id: &str) -> ProgrammeEventEvent {
    ProgrammeEventEvent::ProgrammeEventParticipantRegistered {
        participant_id: participant_id.into(),
        kind: ProgrammeEventKind::ExpertForum,
        date: date(),
    }
}

fn register(participant_id: &str) -> ProgrammeEventCommand {
    ProgrammeEventCommand::Register {
        participant_id: participant_id.into(),
        participant_registered: true,
    }
}

fn hold(attendee_ids: &[&str], walk_ins: u32) -> ProgrammeEventCommand {
    ProgrammeEventCommand::Hold {
        attendance: HoldProgrammeEvent {
            attendee_ids: attendee_ids.iter().map(|s| (*s).to_owned()).collect(),
            walk_ins,
        },
        unregistered: vec![],
    }
}

fn held() -> [ProgrammeEventEvent; 1] {
    [ProgrammeEventEvent::ProgrammeEventHeld {
        kind: ProgrammeEventKind::ExpertForum,
        country: ProgrammeCountry::Es,
        date: date(),
        registrations: 0,
        walk_ins: 0,
        total_attendance: 0,
    }]
}

fn attended(participant_id: &str) -> ProgrammeEventEvent {
    ProgrammeEventEvent::ProgrammeEventAttended {
        participant_id: participant_id.into(),
        kind: ProgrammeEventKind::ExpertForum,
        country: ProgrammeCountry::Es,
        date: date(),
    }
}

fn cancelled() -> ProgrammeEventEvent {
    ProgrammeEventEvent::ProgrammeEventCancelled {
        reason: "speaker ill".into(),
    }
}

#[test]
fn it_schedules_an_event() {
    let state = given::<ProgrammeEvent>(&[])
        .when(ProgrammeEventCommand::Schedule(schedule()))
        .then(&[scheduled()]);
    assert_eq!(state.status, ProgrammeEventStatus::Scheduled);
    given::<ProgrammeEvent>(&[scheduled()])
        .when(ProgrammeEventCommand::Schedule(schedule()))
        .then_rule("programme_event_already_scheduled");
}

#[test]
fn it_needs_a_language_a_title_and_an_organiser() {
    let mut cmd = schedule();
    cmd.languages.clear();
    given::<ProgrammeEvent>(&[])
        .when(ProgrammeEventCommand::Schedule(cmd))
        .then_invalid("languages");
    let mut cmd = schedule();
    cmd.title = "  ".into();
    given::<ProgrammeEvent>(&[])
        .when(ProgrammeEventCommand::Schedule(cmd))
        .then_invalid("title");
    let mut cmd = schedule();
    cmd.organiser = String::new();
    given::<ProgrammeEvent>(&[])
        .when(ProgrammeEventCommand::Schedule(cmd))
        .then_invalid("organiser");
}

#[test]
fn it_registers_a_participant_once() {
    let participant = Actor::new("p-1", Role::Participant);
    given::<ProgrammeEvent>(&[scheduled()])
        .when_by(&participant, register("p-1"))
        .then(&[registered("p-1")]);
    given::<ProgrammeEvent>(&[scheduled(), registered("p-1")])
        .when(register("p-1"))
        .then_rule("already_registered_for_programme_event");
}

#[test]
fn it_registers_only_registered_participants_for_existing_events() {
    given::<ProgrammeEvent>(&[scheduled()])
        .when(ProgrammeEventCommand::Register {
            participant_id: "ghost".into(),
            participant_registered: false,
        })
        .then_not_found();
    given::<ProgrammeEvent>(&[])
        .when(register("p-1"))
        .then_not_found();
}

#[test]
fn it_closes_registration_once_held_or_cancelled() {
    let mut past = vec![scheduled()];
    past.extend(held());
    given::<ProgrammeEvent>(&past)
        .when(register("p-1"))
        .then_rule("programme_event_registration_closed");
    given::<ProgrammeEvent>(&[scheduled(), cancelled()])
        .when(register("p-1"))
        .then_rule("programme_event_registration_closed");
}

#[test]
fn it_holds_an_event_recording_each_attendee_and_walk_ins() {
    let state = given::<ProgrammeEvent>(&[scheduled(), registered("p-1"), registered("p-2")])
        .when(hold(&["p-1", "p-3"], 12))
        .then(&[
            ProgrammeEventEvent::ProgrammeEventHeld {
                kind: ProgrammeEventKind::ExpertForum,
                country: ProgrammeCountry::Es,
                date: date(),
                registrations: 2,
                walk_ins: 12,
                total_attendance: 14,
            },
            attended("p-1"),
            attended("p-3"),
        ]);
    assert_eq!(state.status, ProgrammeEventStatus::Held);
    assert_eq!(state.walk_ins, 12);
}

#[test]
fn it_refuses_duplicate_and_unregistered_attendees() {
    given::<ProgrammeEvent>(&[scheduled()])
        .when(hold(&["p-1", "p-1"], 0))
        .then_invalid("attendee_ids");
    given::<ProgrammeEvent>(&[scheduled()])
        .when(ProgrammeEventCommand::Hold {
            attendance: HoldProgrammeEvent {
                attendee_ids: vec!["p-1".into(), "ghost".into()],
                walk_ins: 0,
            },
            unregistered: vec!["ghost".into()],
        })
        .then_rule("attendee_not_registered");
}

#[test]
fn it_holds_once_and_never_a_cancelled_event() {
    let mut past = vec![scheduled()];
    past.extend(held());
    given::<ProgrammeEvent>(&past)
        .when(hold(&[], 3))
        .then_rule("programme_event_already_held");
    given::<ProgrammeEvent>(&[scheduled(), cancelled()])
        .when(hold(&[], 3))
        .then_rule("programme_event_cancelled");
    given::<ProgrammeEvent>(&[])
        .when(hold(&[], 3))
        .then_not_found();
}

#[test]
fn it_cancels_a_scheduled_event_but_not_a_held_one() {
    given::<ProgrammeEvent>(&[scheduled()])
        .when(ProgrammeEventCommand::Cancel {
            reason: " speaker ill ".into(),
        })
        .then(&[cancelled()]);
    let mut past = vec![scheduled()];
    past.extend(held());
    given::<ProgrammeEvent>(&past)
        .when(ProgrammeEventCommand::Cancel {
            reason: "too late".into(),
        })
        .then_rule("programme_event_already_held");
    given::<ProgrammeEvent>(&[scheduled(), cancelled()])
        .when(ProgrammeEventCommand::Cancel {
            reason: "again".into(),
        })
        .then_rule("programme_event_cancelled");
    given::<ProgrammeEvent>(&[scheduled()])
        .when(ProgrammeEventCommand::Cancel { reason: "".into() })
        .then_invalid("reason");
}

#[test]
fn it_puts_registrations_attendance_and_cancellations_in_journeys() {
    let subjects = given::<ProgrammeEvent>(&[scheduled()])
        .when(register("p-1"))
        .subjects();
    assert_eq!(subjects, ["p-1"]);
    let subjects = given::<ProgrammeEvent>(&[scheduled(), registered("p-1")])
        .when(hold(&["p-2", "p-3"], 5))
        .subjects();
    assert_eq!(subjects, ["p-2", "p-3"], "held: none; attendance: each");
    let subjects = given::<ProgrammeEvent>(&[scheduled(), registered("p-1")])
        .when(ProgrammeEventCommand::Cancel {
            reason: "storm".into(),
        })
        .subjects();
    assert_eq!(subjects, ["p-1"]);
    let subjects = given::<ProgrammeEvent>(&[])
        .when(ProgrammeEventCommand::Schedule(schedule()))
        .subjects();
    assert!(subjects.is_empty());
}

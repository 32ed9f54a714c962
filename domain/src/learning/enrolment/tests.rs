use super::*;
use crate::testing::given;

fn terms(status: CourseStatus) -> Option<CourseTerms> {
    Some(CourseTerms {
        status,
        topic: Topic::Marketing,
        pass_mark: 60,
        max_exam_attempts: 2,
    })
}

fn enrol(course: Option<CourseTerms>) -> EnrolmentCommand {
    EnrolmentCommand::Enrol {
        participant_id: "p1".into(),
        course_id: "c1".into(),
        participant_registered: true,
        course,
    }
}

fn enrolled() -> EnrolmentEvent {
    EnrolmentEvent::EnrolledInCourse {
        participant_id: "p1".into(),
        course_id: "c1".into(),
        topic: Topic::Marketing,
        pass_mark: 60,
        max_exam_attempts: 2,
    }
}

fn attempt(attempt: u8, score: u8) -> EnrolmentEvent {
    EnrolmentEvent::ExamAttempted {
        attempt,
        score,
        pass_mark: 60,
        passed: score >= 60,
    }
}

fn exam(score: u8) -> EnrolmentCommand {
    EnrolmentCommand::SitExam {
        score,
        certificate_code: "CODE-1".into(),
    }
}

fn certificate(score: u8) -> EnrolmentEvent {
    EnrolmentEvent::CertificateIssued {
        participant_id: "p1".into(),
        course_id: "c1".into(),
        verification_code: "CODE-1".into(),
        score,
    }
}

#[test]
fn it_enrols_in_a_published_course_capturing_its_exam_rules() {
    given::<Enrolment>(&[])
        .when(enrol(terms(CourseStatus::Published)))
        .then(&[enrolled()]);
}

#[test]
fn it_enrols_only_once() {
    given::<Enrolment>(&[enrolled()])
        .when(enrol(terms(CourseStatus::Published)))
        .then_rule("already_enrolled");
}

#[test]
fn it_refuses_unpublished_or_unknown_courses_and_unknown_participants() {
    given::<Enrolment>(&[])
        .when(enrol(terms(CourseStatus::Draft)))
        .then_rule("course_not_published");
    given::<Enrolment>(&[])
        .when(enrol(terms(CourseStatus::Retired)))
        .then_rule("course_not_published");
    given::<Enrolment>(&[]).when(enrol(None)).then_not_found();
    given::<Enrolment>(&[])
        .when(EnrolmentCommand::Enrol {
            participant_id: "p1".into(),
            course_id: "c1".into(),
            participant_registered: false,
            course: terms(CourseStatus::Published),
        })
        .then_not_found();
}

#[test]
fn it_fails_below_the_pass_mark_without_a_certificate() {
    given::<Enrolment>(&[enrolled()])
        .when(exam(59))
        .then(&[attempt(1, 59)]);
}

#[test]
fn it_issues_exactly_one_certificate_on_a_pass() {
    let state = given::<Enrolment>(&[enrolled(), attempt(1, 40)])
        .when(exam(60))
        .then(&[attempt(2, 60), certificate(60)]);
    assert_eq!(state.status, EnrolmentStatus::Passed);
    assert_eq!(state.certificate_code.as_deref(), Some("CODE-1"));
}

#[test]
fn it_allows_no_attempt_after_passing() {
    given::<Enrolment>(&[enrolled(), attempt(1, 90), certificate(90)])
        .when(exam(95))
        .then_rule("exam_already_passed");
}

#[test]
fn it_limits_attempts_to_the_course_maximum() {
    given::<Enrolment>(&[enrolled(), attempt(1, 10), attempt(2, 20)])
        .when(exam(99))
        .then_rule("no_exam_attempts_left");
}

#[test]
fn it_validates_scores_and_progress() {
    given::<Enrolment>(&[enrolled()])
        .when(exam(101))
        .then_invalid("score");
    given::<Enrolment>(&[enrolled()])
        .when(EnrolmentCommand::RecordProgress { percent: 101 })
        .then_invalid("percent");
}

#[test]
fn it_records_progress_forward_only() {
    let progressed = EnrolmentEvent::ProgressRecorded { percent: 50 };
    given::<Enrolment>(&[enrolled()])
        .when(EnrolmentCommand::RecordProgress { percent: 50 })
        .then(std::slice::from_ref(&progressed));
    given::<Enrolment>(&[enrolled(), progressed.clone()])
        .when(EnrolmentCommand::RecordProgress { percent: 40 })
        .then_rule("progress_cannot_decrease");
    given::<Enrolment>(&[enrolled(), progressed])
        .when(EnrolmentCommand::RecordProgress { percent: 50 })
        .then(&[]);
}

#[test]
fn it_withdraws_and_then_refuses_everything() {
    let withdrawn = EnrolmentEvent::EnrolmentWithdrawn { reason: None };
    given::<Enrolment>(&[enrolled()])
        .when(EnrolmentCommand::Withdraw { reason: None })
        .then(std::slice::from_ref(&withdrawn));
    given::<Enrolment>(&[enrolled(), withdrawn.clone()])
        .when(exam(80))
        .then_rule("enrolment_withdrawn");
    given::<Enrolment>(&[enrolled(), withdrawn])
        .when(EnrolmentCommand::Withdraw { reason: None })
        .then_rule("enrolment_withdrawn");
    given::<Enrolment>(&[enrolled(), attempt(1, 80), certificate(80)])
        .when(EnrolmentCommand::Withdraw { reason: None })
        .then_rule("enrolment_completed");
}

#[test]
fn it_puts_the_participant_in_every_events_subjects() {
    let subjects = given::<Enrolment>(&[enrolled()]).when(exam(70)).subjects();
    assert_eq!(subjects, vec!["p1".to_owned(), "p1".to_owned()]);
}

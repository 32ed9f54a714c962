use super::*;
use crate::testing::given;

fn participant(id: &str) -> Actor {
    Actor::new(id, Role::Participant)
}

fn open_business(closed: bool) -> Option<BusinessFacts> {
    Some(BusinessFacts {
        founder_ids: vec!["f1".into()],
        closed,
    })
}

fn post(business: Option<BusinessFacts>) -> JobPostingCommand {
    JobPostingCommand::Post {
        posting: PostJob {
            business_id: "b1".into(),
            title: "Cook".into(),
            description: "Tapas and petiscos".into(),
            employment: Employment::PartTime,
        },
        business,
    }
}

fn posted() -> JobPostingEvent {
    JobPostingEvent::JobPosted {
        business_id: "b1".into(),
        founder_ids: vec!["f1".into()],
        title: "Cook".into(),
        description: "Tapas and petiscos".into(),
        employment: Employment::PartTime,
    }
}

fn apply(id: &str) -> JobPostingCommand {
    JobPostingCommand::Apply {
        application: ApplyToJob {
            participant_id: id.into(),
        },
        participant_registered: true,
        business_closed: false,
    }
}

fn applied(id: &str) -> JobPostingEvent {
    JobPostingEvent::JobApplicationSubmitted {
        business_id: "b1".into(),
        participant_id: id.into(),
    }
}

fn fill(id: Option<&str>) -> JobPostingCommand {
    JobPostingCommand::Fill(FillJob {
        participant_id: id.map(Into::into),
    })
}

fn filled(id: &str) -> JobPostingEvent {
    JobPostingEvent::JobPostingFilled {
        business_id: "b1".into(),
        participant_id: Some(id.into()),
        applicants: 1,
    }
}

#[test]
fn it_posts_a_job_for_an_open_business_by_a_founder_or_staff() {
    given::<JobPosting>(&[])
        .when_by(&participant("f1"), post(open_business(false)))
        .then(&[posted()]);
    given::<JobPosting>(&[])
        .when_by(&participant("p1"), post(open_business(false)))
        .then_forbidden();
    given::<JobPosting>(&[]).when(post(None)).then_not_found();
    given::<JobPosting>(&[])
        .when(post(open_business(true)))
        .then_rule("business_closed");
    given::<JobPosting>(&[posted()])
        .when(post(open_business(false)))
        .then_rule("job_posting_already_exists");
}

#[test]
fn it_takes_one_application_per_participant() {
    given::<JobPosting>(&[posted()])
        .when_by(&participant("p1"), apply("p1"))
        .then(&[applied("p1")]);
    given::<JobPosting>(&[posted(), applied("p1")])
        .when(apply("p1"))
        .then_rule("already_applied");
    given::<JobPosting>(&[posted()])
        .when_by(&participant("p2"), apply("p1"))
        .then_forbidden();
    given::<JobPosting>(&[posted()])
        .when(JobPostingCommand::Apply {
            application: ApplyToJob {
                participant_id: "p1".into(),
            },
            participant_registered: false,
            business_closed: false,
        })
        .then_not_found();
}

#[test]
fn it_takes_no_application_after_filling_or_closing() {
    given::<JobPosting>(&[posted(), applied("p1"), filled("p1")])
        .when(apply("p2"))
        .then_rule("job_posting_not_open");
    let closed = JobPostingEvent::JobPostingClosed {
        business_id: "b1".into(),
        applicants: 0,
    };
    given::<JobPosting>(&[posted(), closed])
        .when(apply("p2"))
        .then_rule("job_posting_not_open");
}

#[test]
fn it_fills_only_from_an_applicant() {
    let state = given::<JobPosting>(&[posted(), applied("p1")])
        .when_by(&participant("f1"), fill(Some("p1")))
        .then(&[filled("p1")]);
    assert_eq!(state.hired_participant_id.as_deref(), Some("p1"));
    given::<JobPosting>(&[posted(), applied("p1")])
        .when(fill(Some("p2")))
        .then_rule("not_an_applicant");
    given::<JobPosting>(&[posted()])
        .when(fill(None))
        .then(&[JobPostingEvent::JobPostingFilled {
            business_id: "b1".into(),
            participant_id: None,
            applicants: 0,
        }]);
    given::<JobPosting>(&[posted(), applied("p1")])
        .when_by(&participant("p1"), fill(Some("p1")))
        .then_forbidden();
    given::<JobPosting>(&[posted(), applied("p1"), filled("p1")])
        .when(fill(Some("p1")))
        .then_rule("job_posting_not_open");
}

#[test]
fn it_closes_an_open_posting_once() {
    let closed = JobPostingEvent::JobPostingClosed {
        business_id: "b1".into(),
        applicants: 0,
    };
    given::<JobPosting>(&[posted()])
        .when(JobPostingCommand::Close)
        .then(std::slice::from_ref(&closed));
    given::<JobPosting>(&[posted(), closed])
        .when(JobPostingCommand::Close)
        .then_rule("job_posting_not_open");
    given::<JobPosting>(&[])
        .when(JobPostingCommand::Close)
        .then_not_found();
}

#[test]
fn it_puts_applicants_hires_and_founders_in_the_right_journeys() {
    let subjects = given::<JobPosting>(&[])
        .when(post(open_business(false)))
        .subjects();
    assert_eq!(subjects, vec!["f1".to_owned()]);
    let subjects = given::<JobPosting>(&[posted()])
        .when(apply("p1"))
        .subjects();
    assert_eq!(subjects, vec!["p1".to_owned()]);
    let subjects = given::<JobPosting>(&[posted(), applied("p1")])
        .when(fill(Some("p1")))
        .subjects();
    assert_eq!(subjects, vec!["p1".to_owned(), "f1".to_owned()]);
}

#[test]
fn it_takes_no_application_once_its_business_has_closed() {
    given::<JobPosting>(&[posted()])
        .when(JobPostingCommand::Apply {
            application: ApplyToJob {
                participant_id: "p1".into(),
            },
            participant_registered: true,
            business_closed: true,
        })
        .then_rule("business_closed");
}

/// Who may act is checked before anything about the state is told: a stranger learns nothing
/// about whether the posting is still open or its business has closed.
#[test]
fn it_refuses_a_stranger_before_telling_the_postings_state() {
    let closed = JobPostingEvent::JobPostingClosed {
        business_id: "b1".into(),
        applicants: 0,
    };
    let stranger = participant("p9");
    given::<JobPosting>(&[posted(), closed.clone()])
        .when_by(&stranger, fill(None))
        .then_forbidden();
    given::<JobPosting>(&[posted(), closed.clone()])
        .when_by(&stranger, JobPostingCommand::Close)
        .then_forbidden();
    given::<JobPosting>(&[posted(), closed])
        .when_by(&stranger, apply("p1"))
        .then_forbidden();
    given::<JobPosting>(&[posted()])
        .when_by(
            &stranger,
            JobPostingCommand::Apply {
                application: ApplyToJob {
                    participant_id: "p1".into(),
                },
                participant_registered: true,
                business_closed: true,
            },
        )
        .then_forbidden();
}

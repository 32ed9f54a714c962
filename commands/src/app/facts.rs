//! Business time respects the facts a command depends on.
//!
//! Where the command layer looks up a fact — the participant is registered, the course
//! published, the business created, the previous financing step recorded… — a command whose
//! business time (`occurred_at`, or now) precedes the time that fact began to hold is refused
//! with rule [`OCCURRED_BEFORE_PREREQUISITE`]. A back-dated record of something that did
//! happen after its prerequisites stays allowed; a fact that does not hold at all is left to
//! the domain's own rule (`course_not_published`…).

use chrono::{DateTime, SecondsFormat, Utc};
use ruta_domain::{Aggregate, DomainError};

use crate::{CommandContext, CommandError, Executor};

/// The rule code of a command dated before a fact it depends on.
pub const OCCURRED_BEFORE_PREREQUISITE: &str = "occurred_before_prerequisite";

/// A fact a command depends on, looked up in another record's stream (or the step before it
/// in its own): it holds since the first event of one of `events` there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fact {
    /// Names the fact in the refusal, e.g. "the course was published". Never personal data.
    pub what: &'static str,
    pub events: &'static [&'static str],
}

// The facts the command layer looks up, by the event that makes each hold.

pub(crate) const PARTICIPANT_REGISTERED: Fact = Fact {
    what: "the participant was registered",
    events: &["ParticipantRegistered"],
};
pub(crate) const COURSE_PUBLISHED: Fact = Fact {
    what: "the course was published",
    events: &["CoursePublished"],
};
pub(crate) const ENROLLED: Fact = Fact {
    what: "the enrolment was made",
    events: &["EnrolledInCourse"],
};
pub(crate) const LISTING_PUBLISHED: Fact = Fact {
    what: "the listing was published",
    events: &["ListingPublished"],
};
pub(crate) const BUSINESS_CREATED: Fact = Fact {
    what: "the business was created",
    events: &["BusinessCreated"],
};
pub(crate) const JOB_POSTED: Fact = Fact {
    what: "the job was posted",
    events: &["JobPosted"],
};
pub(crate) const MENTOR_REGISTERED: Fact = Fact {
    what: "the mentor was registered",
    events: &["MentorRegistered"],
};
pub(crate) const MENTORSHIP_REQUESTED: Fact = Fact {
    what: "the mentorship was requested",
    events: &["MentorshipRequested"],
};
pub(crate) const EXPERT_REGISTERED: Fact = Fact {
    what: "the expert was registered",
    events: &["ExpertRegistered"],
};
pub(crate) const ADVICE_GROUP_CREATED: Fact = Fact {
    what: "the advice group was created",
    events: &["AdviceGroupCreated"],
};
pub(crate) const PROGRAMME_EVENT_SCHEDULED: Fact = Fact {
    what: "the programme event was scheduled",
    events: &["ProgrammeEventScheduled"],
};
pub(crate) const APPLICATION_OPENED: Fact = Fact {
    what: "the financing application was opened",
    events: &["FinancingApplicationOpened"],
};
pub(crate) const NEEDS_ASSESSED: Fact = Fact {
    what: "the financing needs were assessed",
    events: &["FinancingNeedsAssessed"],
};
pub(crate) const CHANNEL_RECOMMENDED: Fact = Fact {
    what: "the financing channel was recommended",
    events: &["FinancingChannelRecommended"],
};
pub(crate) const PROJECT_CERTIFIED: Fact = Fact {
    what: "the project was certified",
    events: &["FinancingProjectCertified"],
};
pub(crate) const REQUEST_SUBMITTED: Fact = Fact {
    what: "the financing request was submitted",
    events: &["FinancingRequestSubmitted"],
};
pub(crate) const FINANCING_APPROVED: Fact = Fact {
    what: "the financing was approved",
    events: &["FinancingApproved"],
};
pub(crate) const FINANCING_DECIDED: Fact = Fact {
    what: "funds were received or the financing was rejected",
    events: &["FinancingFundsReceived", "FinancingRejected"],
};

/// Every fact, for the test that each names real event types.
#[cfg(test)]
const ALL: &[Fact] = &[
    PARTICIPANT_REGISTERED,
    COURSE_PUBLISHED,
    ENROLLED,
    LISTING_PUBLISHED,
    BUSINESS_CREATED,
    JOB_POSTED,
    MENTOR_REGISTERED,
    MENTORSHIP_REQUESTED,
    EXPERT_REGISTERED,
    ADVICE_GROUP_CREATED,
    PROGRAMME_EVENT_SCHEDULED,
    APPLICATION_OPENED,
    NEEDS_ASSESSED,
    CHANNEL_RECOMMENDED,
    PROJECT_CERTIFIED,
    REQUEST_SUBMITTED,
    FINANCING_APPROVED,
    FINANCING_DECIDED,
];

/// Refuses the command when its business time (`occurred_at`, or now) precedes `since`, the
/// time `fact` began to hold; a fact that does not hold (`None`) is left to the domain.
///
/// # Errors
/// `DomainError::RuleBroken` with rule [`OCCURRED_BEFORE_PREREQUISITE`], naming the fact and
/// both times.
pub(crate) fn not_before(
    ctx: &CommandContext,
    fact: &'static str,
    since: Option<DateTime<Utc>>,
) -> Result<(), CommandError> {
    let at = ctx.occurred_at.unwrap_or_else(Utc::now);
    match since {
        Some(since) if at < since => {
            let stamp = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::AutoSi, true);
            Err(DomainError::rule(
                OCCURRED_BEFORE_PREREQUISITE,
                format!(
                    "this command is dated {}, before {fact} ({})",
                    stamp(at),
                    stamp(since)
                ),
            )
            .into())
        }
        _ => Ok(()),
    }
}

/// Aggregate `id` as it stands, if it exists; refuses the command when it is dated before
/// `fact` began to hold there. Every look-up of a fact goes through here.
///
/// # Errors
/// [`not_before`]'s refusal, or a store failure.
pub(crate) async fn load_since<A: Aggregate>(
    x: &Executor,
    ctx: &CommandContext,
    id: &str,
    fact: Fact,
) -> Result<Option<A>, CommandError> {
    let Some(loaded) = x.load_timed::<A>(id).await? else {
        return Ok(None);
    };
    not_before(ctx, fact.what, loaded.first_occurred(fact.events))?;
    Ok(Some(loaded.state))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruta_domain::Role;

    fn dated(at: &str) -> CommandContext {
        let mut ctx = CommandContext::new("staff-1", Role::Staff);
        ctx.occurred_at = Some(at.parse().expect("a time"));
        ctx
    }

    #[test]
    fn it_refuses_a_command_dated_before_its_fact_and_names_both_times() {
        let since = Some("2014-02-01T10:00:00Z".parse().expect("a time"));
        let error = not_before(
            &dated("2014-01-10T10:00:00Z"),
            "the course was published",
            since,
        )
        .expect_err("refused");
        let CommandError::Domain(DomainError::RuleBroken { rule, message }) = error else {
            panic!("a rule: {error:?}");
        };
        assert_eq!(rule, OCCURRED_BEFORE_PREREQUISITE);
        assert_eq!(
            message,
            "this command is dated 2014-01-10T10:00:00Z, before the course was published \
             (2014-02-01T10:00:00Z)"
        );
        for at in ["2014-02-01T10:00:00Z", "2014-02-02T00:00:00Z"] {
            assert!(not_before(&dated(at), "the course was published", since).is_ok());
        }
        assert!(not_before(&dated("2014-01-10T10:00:00Z"), "x", None).is_ok());
        let now = CommandContext::new("staff-1", Role::Staff);
        assert!(not_before(&now, "x", since).is_ok(), "undated means now");
    }

    #[test]
    fn every_fact_names_event_types_that_exist() {
        for fact in ALL {
            assert!(!fact.events.is_empty(), "{fact:?}");
            for event in fact.events {
                assert!(
                    ruta_domain::event_types::ALL.contains(event),
                    "{event} is not an event type"
                );
            }
        }
    }
}

//! The one command vocabulary: every command Ruta accepts, as one serde-tagged enum. HTTP
//! routes build its variants from their paths and bodies; batch items and import lines are
//! parsed into it ([`AppCommand::from_json`]); [`super::execute`] runs any of them.
//!
//! A command is written `{"type": "PublishCourse", …fields}`. Parsing reads the type first and
//! then the payload on its own, so an error names the payload's own field (`percent`), which
//! serde's internally tagged enums cannot do (they buffer the payload and lose the path).

use ruta_domain::advice::advice_group::CreateAdviceGroup;
use ruta_domain::advice::expert::{ExpertProfile, UpdateExpert};
use ruta_domain::businesses::business::{
    CloseBusiness, CreateBusiness, FormB2BRelationship, RecordJobs, RestructureBusiness,
};
use ruta_domain::businesses::job_posting::{ApplyToJob, FillJob, PostJob};
use ruta_domain::events::programme_event::{HoldProgrammeEvent, ScheduleProgrammeEvent};
use ruta_domain::financing::{
    ApproveFinancing, AssessFinancingNeeds, CertifyFinancingProject, OpenFinancingApplication,
    RecommendFinancingChannel, RecordFinancingFollowUp, RecordFundsReceived, RejectFinancing,
    SubmitFinancingRequest,
};
use ruta_domain::learning::course::{CreateCourse, UpdateCourseContent};
use ruta_domain::marketplace::listing::{CreateListing, UpdateListing};
use ruta_domain::marketplace::order::PlaceOrder;
use ruta_domain::mentoring::mentor::{MentorProfile, UpdateMentor};
use ruta_domain::mentoring::mentorship::{CloseMentorship, MentoringSession};
use ruta_domain::outreach::campaign::{CreateOutreachCampaign, RecordOutreachReach};
use ruta_domain::outreach::cooperation_network::EstablishCooperationNetwork;
use ruta_domain::outreach::news_post::PostNews;
use ruta_domain::outreach::newsletter::SendNewsletter;
use ruta_domain::participant::{RegisterParticipant, UpdateProfile};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::advice::{AdviceQuestion, AdviceRequestBody, AnswerBody, GroupAnswer, Membership};
use super::elearning::{Enrol, ExamAttempt, Progress, Withdrawal};
use super::marketplace::{OrderCancellation, Price};
use super::mentoring::{Goal, GoalRef, MentorshipRequest, Refusal};
use super::outreach::Joining;
use super::participants::{Consent, SelfEmployment};
use super::programme_events::{EventCancellation, EventRegistration};
use super::{parse, Nothing};
use crate::CommandError;

/// Declares the vocabulary once: the enum, its type names and its parser come from one list,
/// so a command cannot be accepted by one caller and unknown to another.
macro_rules! vocabulary {
    ($($(#[$doc:meta])* $name:ident $(($payload:ty))?,)*) => {
        /// Every application command, tagged by `type`.
        #[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
        #[serde(tag = "type")]
        pub enum AppCommand {
            $($(#[$doc])* $name $(($payload))?,)*
        }

        impl AppCommand {
            /// Every command type, in the order of the vocabulary.
            pub const TYPES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// The command's `type`.
            #[must_use]
            pub fn type_name(&self) -> &'static str {
                match self {
                    $(Self::$name { .. } => stringify!($name),)*
                }
            }

            fn from_parts(kind: &str, payload: Value) -> Result<Self, CommandError> {
                match kind {
                    $(stringify!($name) => vocabulary!(@parse $name payload $($payload)?),)*
                    _ => Err(CommandError::BadPayload {
                        field: "type".to_owned(),
                        message: unknown_type(kind),
                    }),
                }
            }
        }
    };
    (@parse $name:ident $json:ident $payload:ty) => {
        Ok(Self::$name(parse::<$payload>($json)?))
    };
    (@parse $name:ident $json:ident) => {{
        parse::<Nothing>($json)?;
        Ok(Self::$name)
    }};
}

vocabulary! {
    /// Staff register a participant (the id is the target).
    RegisterParticipant(RegisterParticipant),
    UpdateProfile(UpdateProfile),
    GiveConsent(Consent),
    WithdrawConsent(Consent),
    DeclareSelfEmployment(SelfEmployment),

    CreateCourse(CreateCourse),
    UpdateCourseContent(UpdateCourseContent),
    PublishCourse,
    RetireCourse,

    /// The enrolment's id is derived from the participant and the course.
    EnrolInCourse(Enrol),
    RecordProgress(Progress),
    SitExam(ExamAttempt),
    WithdrawEnrolment(Withdrawal),

    CreateListing(CreateListing),
    UpdateListing(UpdateListing),
    ChangeListingPrice(Price),
    PublishListing,
    CloseListing,
    PlaceOrder(PlaceOrder),
    MarkOrderPaid,
    FulfilOrder,
    CancelOrder(OrderCancellation),

    /// Staff register a mentor under the id of the mentor's token (the target).
    RegisterMentor(MentorProfile),
    UpdateMentor(UpdateMentor),
    RetireMentor,
    RequestMentorship(MentorshipRequest),
    AcceptMentorship,
    DeclineMentorship(Refusal),
    LogMentoringSession(MentoringSession),
    SetMentoringGoal(Goal),
    AchieveMentoringGoal(GoalRef),
    CloseMentorship(CloseMentorship),

    /// Staff register an expert under the id of the expert's token (the target).
    RegisterExpert(ExpertProfile),
    UpdateExpert(UpdateExpert),
    RetireExpert,
    CreateAdviceGroup(CreateAdviceGroup),
    JoinAdviceGroup(Membership),
    AskInAdviceGroup(AdviceQuestion),
    AnswerInAdviceGroup(GroupAnswer),
    RequestAdvice(AdviceRequestBody),
    AnswerAdviceRequest(AnswerBody),
    CloseAdviceRequest,

    OpenFinancingApplication(OpenFinancingApplication),
    AssessFinancingNeeds(AssessFinancingNeeds),
    RecommendFinancingChannel(RecommendFinancingChannel),
    CertifyFinancingProject(CertifyFinancingProject),
    SubmitFinancingRequest(SubmitFinancingRequest),
    ApproveFinancing(ApproveFinancing),
    RejectFinancing(RejectFinancing),
    RecordFundsReceived(RecordFundsReceived),
    RecordFinancingFollowUp(RecordFinancingFollowUp),

    CreateBusiness(CreateBusiness),
    RecordJobs(RecordJobs),
    FormB2BRelationship(FormB2BRelationship),
    RestructureBusiness(RestructureBusiness),
    CloseBusiness(CloseBusiness),

    PostJob(PostJob),
    ApplyToJob(ApplyToJob),
    FillJob(FillJob),
    CloseJobPosting,

    ScheduleProgrammeEvent(ScheduleProgrammeEvent),
    RegisterForProgrammeEvent(EventRegistration),
    HoldProgrammeEvent(HoldProgrammeEvent),
    CancelProgrammeEvent(EventCancellation),

    CreateOutreachCampaign(CreateOutreachCampaign),
    RecordOutreachReach(RecordOutreachReach),
    SendNewsletter(SendNewsletter),
    PostNews(PostNews),
    EstablishCooperationNetwork(EstablishCooperationNetwork),
    JoinCooperationNetwork(Joining),
}

/// Names an unknown type back to the caller only when it looks like a command's name: a long
/// or odd string is not echoed into answers and reports.
fn unknown_type(kind: &str) -> String {
    let named = kind.len() <= 64 && kind.chars().all(|c| c.is_ascii_alphanumeric());
    if named {
        format!("unknown command type {kind:?}")
    } else {
        "unknown command type (a command type is a name such as \"PublishCourse\")".to_owned()
    }
}

impl AppCommand {
    /// Parses `{"type": "PublishCourse", …fields}`. The payload's ids and texts are checked
    /// by the input rules of [`ruta_domain::input`], as an HTTP body's are.
    ///
    /// # Errors
    /// [`CommandError::BadPayload`] naming the field that does not fit.
    pub fn from_json(command: Value) -> Result<Self, CommandError> {
        let bad = |field: &str, message: &str| CommandError::BadPayload {
            field: field.to_owned(),
            message: message.to_owned(),
        };
        let Value::Object(mut fields) = command else {
            return Err(bad("command", "must be a JSON object with a \"type\""));
        };
        match fields.remove("type") {
            Some(Value::String(kind)) => Self::from_parts(&kind, Value::Object(fields)),
            _ => Err(bad(
                "type",
                "must name the command, e.g. \"RegisterParticipant\"",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn it_parses_what_it_writes() {
        let commands = [
            AppCommand::PublishCourse,
            AppCommand::RecordProgress(Progress { percent: 40 }),
            AppCommand::EnrolInCourse(Enrol {
                participant_id: Some("p-1".to_owned()),
                course_id: "c-1".to_owned(),
            }),
            AppCommand::CancelOrder(OrderCancellation { reason: None }),
        ];
        for command in commands {
            let written = serde_json::to_value(&command).unwrap_or_default();
            assert_eq!(written["type"], command.type_name());
            assert_eq!(AppCommand::from_json(written).ok(), Some(command));
        }
    }

    #[test]
    fn it_names_the_payload_field_at_fault() {
        let refused = AppCommand::from_json(json!({"type": "RecordProgress", "percent": "x"}));
        let Err(CommandError::BadPayload { field, .. }) = refused else {
            panic!("accepted a text percent: {refused:?}");
        };
        assert_eq!(field, "percent");
        let unknown = AppCommand::from_json(json!({"type": "PublishCourse", "extra": 1}));
        assert!(matches!(unknown, Err(CommandError::BadPayload { field, .. }) if field == "extra"));
        let odd = AppCommand::from_json(json!({"type": "X".repeat(10_000)}));
        let Err(CommandError::BadPayload { message, .. }) = odd else {
            panic!("accepted an odd type: {odd:?}");
        };
        assert!(message.len() < 100, "{message}");
        let no_type = AppCommand::from_json(json!({"percent": 1}));
        assert!(matches!(no_type, Err(CommandError::BadPayload { field, .. }) if field == "type"));
    }

    #[test]
    fn every_type_is_listed_once() {
        let mut types = AppCommand::TYPES.to_vec();
        types.sort_unstable();
        types.dedup();
        assert_eq!(types.len(), AppCommand::TYPES.len());
    }
}

//! Runs an [`AppCommand`]: one exhaustive match from each command to the function that
//! handles it. A new command that is not routed here does not compile.

use ruta_domain::advice::expert::ExpertCommand;
use ruta_domain::businesses::business::BusinessCommand;
use ruta_domain::businesses::job_posting::JobPostingCommand;
use ruta_domain::financing::FinancingCommand;
use ruta_domain::learning::course::CourseCommand;
use ruta_domain::learning::enrolment::EnrolmentCommand;
use ruta_domain::marketplace::listing::ListingCommand;
use ruta_domain::marketplace::order::OrderCommand;
use ruta_domain::mentoring::mentorship::MentorshipCommand;
use ruta_domain::outreach::campaign::OutreachCommand;
use ruta_domain::outreach::cooperation_network::CooperationNetworkCommand;
use ruta_domain::participant::ParticipantCommand;
use serde_json::Value;

use super::{advice, businesses, courses, elearning, financing, job_postings, marketplace};
use super::{mentoring, outreach, participants, programme_events, required_id, AppCommand};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// Executes `command` on the aggregate `target` (every command names its target, except
/// `EnrolInCourse`, whose enrolment id is derived and may be left out).
///
/// # Errors
/// [`CommandError::BadPayload`] for a missing or malformed target; otherwise as the function
/// that handles the command (role policy, look-ups, [`Executor::execute`]).
#[allow(
    clippy::too_many_lines,
    reason = "one flat arm per command, and none may be missing"
)]
pub async fn execute(
    x: &Executor,
    target: Option<&str>,
    command: AppCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    use AppCommand as C;
    // An enrolment's id is derived from its participant and course; every other command
    // needs its target.
    let id = match &command {
        C::EnrolInCourse(_) => "",
        _ => required_id(target)?,
    };
    match command {
        C::RegisterParticipant(c) => participants::register(x, id, c, ctx).await,
        C::UpdateProfile(c) => {
            participants::act(x, id, ParticipantCommand::UpdateProfile(c), ctx).await
        }
        C::GiveConsent(c) => {
            participants::act(x, id, ParticipantCommand::GiveConsent(c.purpose), ctx).await
        }
        C::WithdrawConsent(c) => {
            participants::act(x, id, ParticipantCommand::WithdrawConsent(c.purpose), ctx).await
        }
        C::DeclareSelfEmployment(c) => {
            let command = ParticipantCommand::DeclareSelfEmployment {
                activity: c.activity,
            };
            participants::act(x, id, command, ctx).await
        }

        C::CreateCourse(c) => courses::act(x, id, CourseCommand::Create(c), ctx).await,
        C::UpdateCourseContent(c) => {
            courses::act(x, id, CourseCommand::UpdateContent(c), ctx).await
        }
        C::PublishCourse => courses::act(x, id, CourseCommand::Publish, ctx).await,
        C::RetireCourse => courses::act(x, id, CourseCommand::Retire, ctx).await,

        C::EnrolInCourse(c) => elearning::enrol_in_course(x, target, c, ctx).await,
        C::RecordProgress(c) => {
            elearning::act(
                x,
                id,
                EnrolmentCommand::RecordProgress { percent: c.percent },
                ctx,
            )
            .await
        }
        C::SitExam(c) => elearning::sit_exam(x, id, c.score, ctx).await,
        C::WithdrawEnrolment(c) => {
            elearning::act(x, id, EnrolmentCommand::Withdraw { reason: c.reason }, ctx).await
        }

        C::CreateListing(c) => marketplace::create_listing(x, id, c, ctx).await,
        C::UpdateListing(c) => {
            marketplace::act_on_listing(x, id, ListingCommand::Update(c), ctx).await
        }
        C::ChangeListingPrice(c) => {
            let command = ListingCommand::ChangePrice { price: c.price };
            marketplace::act_on_listing(x, id, command, ctx).await
        }
        C::PublishListing => marketplace::publish_listing(x, id, ctx).await,
        C::CloseListing => marketplace::act_on_listing(x, id, ListingCommand::Close, ctx).await,
        C::PlaceOrder(c) => marketplace::place_order(x, id, c, ctx).await,
        C::MarkOrderPaid => marketplace::act_on_order(x, id, OrderCommand::MarkPaid, ctx).await,
        C::FulfilOrder => marketplace::act_on_order(x, id, OrderCommand::Fulfil, ctx).await,
        C::CancelOrder(c) => {
            marketplace::act_on_order(x, id, OrderCommand::Cancel { reason: c.reason }, ctx).await
        }

        C::RegisterMentor(c) => mentoring::register_mentor(x, id, c, ctx).await,
        C::UpdateMentor(c) => mentoring::update_mentor(x, id, c, ctx).await,
        C::RetireMentor => mentoring::retire_mentor(x, id, ctx).await,
        C::RequestMentorship(c) => mentoring::request(x, id, c, ctx).await,
        C::AcceptMentorship => mentoring::accept(x, id, ctx).await,
        C::DeclineMentorship(c) => mentoring::decline(x, id, c.reason, ctx).await,
        C::LogMentoringSession(c) => {
            mentoring::act(x, id, MentorshipCommand::LogSession(c), ctx).await
        }
        C::SetMentoringGoal(c) => mentoring::set_goal(x, id, c, ctx).await,
        C::AchieveMentoringGoal(c) => {
            let command = MentorshipCommand::AchieveGoal { goal_id: c.goal_id };
            mentoring::act(x, id, command, ctx).await
        }
        C::CloseMentorship(c) => mentoring::close(x, id, c, ctx).await,

        C::RegisterExpert(c) => advice::register_expert(x, id, c, ctx).await,
        C::UpdateExpert(c) => advice::expert_act(x, id, ExpertCommand::Update(c), ctx).await,
        C::RetireExpert => advice::expert_act(x, id, ExpertCommand::Retire, ctx).await,
        C::CreateAdviceGroup(c) => advice::create_group(x, id, c, ctx).await,
        C::JoinAdviceGroup(c) => advice::join_group(x, id, c, ctx).await,
        C::AskInAdviceGroup(c) => advice::ask_in_group(x, id, c, ctx).await,
        C::AnswerInAdviceGroup(c) => advice::answer_in_group(x, id, c, ctx).await,
        C::RequestAdvice(c) => advice::request_advice(x, id, c, ctx).await,
        C::AnswerAdviceRequest(c) => advice::answer_request(x, id, c.text, ctx).await,
        C::CloseAdviceRequest => advice::close_request(x, id, ctx).await,

        C::OpenFinancingApplication(c) => financing::open(x, id, c, ctx).await,
        C::AssessFinancingNeeds(c) => {
            financing::record_step(x, id, FinancingCommand::AssessNeeds(c), ctx).await
        }
        C::RecommendFinancingChannel(c) => {
            financing::record_step(x, id, FinancingCommand::RecommendChannel(c), ctx).await
        }
        C::CertifyFinancingProject(c) => {
            financing::record_step(x, id, FinancingCommand::CertifyProject(c), ctx).await
        }
        C::SubmitFinancingRequest(c) => {
            financing::record_step(x, id, FinancingCommand::SubmitRequest(c), ctx).await
        }
        C::ApproveFinancing(c) => {
            financing::record_step(x, id, FinancingCommand::Approve(c), ctx).await
        }
        C::RejectFinancing(c) => {
            financing::record_step(x, id, FinancingCommand::Reject(c), ctx).await
        }
        C::RecordFundsReceived(c) => {
            financing::record_step(x, id, FinancingCommand::RecordFundsReceived(c), ctx).await
        }
        C::RecordFinancingFollowUp(c) => {
            financing::record_step(x, id, FinancingCommand::RecordFollowUp(c), ctx).await
        }

        C::CreateBusiness(c) => businesses::create(x, id, c, ctx).await,
        C::RecordJobs(c) => businesses::act(x, id, BusinessCommand::RecordJobs(c), ctx).await,
        C::FormB2BRelationship(c) => businesses::form_b2b(x, id, c, ctx).await,
        C::RestructureBusiness(c) => {
            businesses::act(x, id, BusinessCommand::Restructure(c), ctx).await
        }
        C::CloseBusiness(c) => businesses::act(x, id, BusinessCommand::Close(c), ctx).await,

        C::PostJob(c) => job_postings::post(x, id, c, ctx).await,
        C::ApplyToJob(c) => job_postings::apply(x, id, c, ctx).await,
        C::FillJob(c) => job_postings::act(x, id, JobPostingCommand::Fill(c), ctx).await,
        C::CloseJobPosting => job_postings::act(x, id, JobPostingCommand::Close, ctx).await,

        C::ScheduleProgrammeEvent(c) => programme_events::schedule(x, id, c, ctx).await,
        C::RegisterForProgrammeEvent(c) => programme_events::register(x, id, c, ctx).await,
        C::HoldProgrammeEvent(c) => programme_events::hold(x, id, c, ctx).await,
        C::CancelProgrammeEvent(c) => programme_events::cancel(x, id, c.reason, ctx).await,

        C::CreateOutreachCampaign(c) => {
            outreach::campaign(x, id, OutreachCommand::Create(c), ctx).await
        }
        C::RecordOutreachReach(c) => {
            outreach::campaign(x, id, OutreachCommand::RecordReach(c), ctx).await
        }
        C::SendNewsletter(c) => outreach::send_newsletter(x, id, c, ctx).await,
        C::PostNews(c) => outreach::post_news(x, id, c, ctx).await,
        C::EstablishCooperationNetwork(c) => {
            outreach::network(x, id, CooperationNetworkCommand::Establish(c), ctx).await
        }
        C::JoinCooperationNetwork(c) => {
            outreach::network(x, id, CooperationNetworkCommand::Join(c.organisation), ctx).await
        }
    }
}

/// Parses a JSON command (`{"type": "PublishCourse", …}`) and executes it: the path of batch
/// items, import lines and the demo.
///
/// # Errors
/// As [`AppCommand::from_json`], then as [`execute`].
pub async fn dispatch(
    x: &Executor,
    target: Option<&str>,
    command: Value,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    execute(x, target, AppCommand::from_json(command)?, ctx).await
}

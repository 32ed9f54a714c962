//! The stored type name of every event, the one place it is written: each event enum's
//! `DomainEvent::event_type` returns these, and readers that must name an event type (the
//! built-in indicators' definitions) use them, so a rename is one edit and a typo does not
//! compile.

// Participant
pub const PARTICIPANT_REGISTERED: &str = "ParticipantRegistered";
pub const PARTICIPANT_PROFILE_UPDATED: &str = "ParticipantProfileUpdated";
pub const CONSENT_GIVEN: &str = "ConsentGiven";
pub const CONSENT_WITHDRAWN: &str = "ConsentWithdrawn";
pub const SELF_EMPLOYMENT_DECLARED: &str = "SelfEmploymentDeclared";

// Course
pub const COURSE_CREATED: &str = "CourseCreated";
pub const COURSE_CONTENT_UPDATED: &str = "CourseContentUpdated";
pub const COURSE_PUBLISHED: &str = "CoursePublished";
pub const COURSE_RETIRED: &str = "CourseRetired";

// Enrolment
pub const ENROLLED_IN_COURSE: &str = "EnrolledInCourse";
pub const PROGRESS_RECORDED: &str = "ProgressRecorded";
pub const EXAM_ATTEMPTED: &str = "ExamAttempted";
pub const CERTIFICATE_ISSUED: &str = "CertificateIssued";
pub const ENROLMENT_WITHDRAWN: &str = "EnrolmentWithdrawn";

// Listing
pub const LISTING_CREATED: &str = "ListingCreated";
pub const LISTING_UPDATED: &str = "ListingUpdated";
pub const LISTING_PRICE_CHANGED: &str = "ListingPriceChanged";
pub const LISTING_PUBLISHED: &str = "ListingPublished";
pub const LISTING_CLOSED: &str = "ListingClosed";

// Order
pub const ORDER_PLACED: &str = "OrderPlaced";
pub const ORDER_PAID: &str = "OrderPaid";
pub const ORDER_FULFILLED: &str = "OrderFulfilled";
pub const ORDER_CANCELLED: &str = "OrderCancelled";

// Mentor
pub const MENTOR_REGISTERED: &str = "MentorRegistered";
pub const MENTOR_PROFILE_UPDATED: &str = "MentorProfileUpdated";
pub const MENTOR_RETIRED: &str = "MentorRetired";
pub const MENTEE_TAKEN: &str = "MenteeTaken";
pub const MENTEE_RELEASED: &str = "MenteeReleased";

// Mentorship
pub const MENTORSHIP_REQUESTED: &str = "MentorshipRequested";
pub const MENTORSHIP_ACCEPTED: &str = "MentorshipAccepted";
pub const MENTORSHIP_DECLINED: &str = "MentorshipDeclined";
pub const MENTORING_SESSION_LOGGED: &str = "MentoringSessionLogged";
pub const MENTORING_GOAL_SET: &str = "MentoringGoalSet";
pub const MENTORING_GOAL_ACHIEVED: &str = "MentoringGoalAchieved";
pub const MENTORSHIP_CLOSED: &str = "MentorshipClosed";

// Expert
pub const EXPERT_REGISTERED: &str = "ExpertRegistered";
pub const EXPERT_PROFILE_UPDATED: &str = "ExpertProfileUpdated";
pub const EXPERT_RETIRED: &str = "ExpertRetired";

// AdviceGroup
pub const ADVICE_GROUP_CREATED: &str = "AdviceGroupCreated";
pub const ADVICE_GROUP_JOINED: &str = "AdviceGroupJoined";
pub const ADVICE_GROUP_QUESTION_ASKED: &str = "AdviceGroupQuestionAsked";
pub const ADVICE_GROUP_QUESTION_ANSWERED: &str = "AdviceGroupQuestionAnswered";

// AdviceRequest
pub const ADVICE_REQUESTED: &str = "AdviceRequested";
pub const ADVICE_REQUEST_ANSWERED: &str = "AdviceRequestAnswered";
pub const ADVICE_REQUEST_CLOSED: &str = "AdviceRequestClosed";

// FinancingApplication
pub const FINANCING_APPLICATION_OPENED: &str = "FinancingApplicationOpened";
pub const FINANCING_NEEDS_ASSESSED: &str = "FinancingNeedsAssessed";
pub const FINANCING_CHANNEL_RECOMMENDED: &str = "FinancingChannelRecommended";
pub const FINANCING_PROJECT_CERTIFIED: &str = "FinancingProjectCertified";
pub const FINANCING_REQUEST_SUBMITTED: &str = "FinancingRequestSubmitted";
pub const FINANCING_APPROVED: &str = "FinancingApproved";
pub const FINANCING_REJECTED: &str = "FinancingRejected";
pub const FINANCING_FUNDS_RECEIVED: &str = "FinancingFundsReceived";
pub const FINANCING_FOLLOW_UP_RECORDED: &str = "FinancingFollowUpRecorded";

// Business
pub const BUSINESS_CREATED: &str = "BusinessCreated";
pub const BUSINESS_JOBS_RECORDED: &str = "BusinessJobsRecorded";
pub const BUSINESS_B2B_RELATIONSHIP_FORMED: &str = "BusinessB2BRelationshipFormed";
pub const BUSINESS_RESTRUCTURED: &str = "BusinessRestructured";
pub const BUSINESS_CLOSED: &str = "BusinessClosed";

// JobPosting
pub const JOB_POSTED: &str = "JobPosted";
pub const JOB_APPLICATION_SUBMITTED: &str = "JobApplicationSubmitted";
pub const JOB_POSTING_FILLED: &str = "JobPostingFilled";
pub const JOB_POSTING_CLOSED: &str = "JobPostingClosed";

// ProgrammeEvent
pub const PROGRAMME_EVENT_SCHEDULED: &str = "ProgrammeEventScheduled";
pub const PROGRAMME_EVENT_PARTICIPANT_REGISTERED: &str = "ProgrammeEventParticipantRegistered";
pub const PROGRAMME_EVENT_HELD: &str = "ProgrammeEventHeld";
pub const PROGRAMME_EVENT_ATTENDED: &str = "ProgrammeEventAttended";
pub const PROGRAMME_EVENT_CANCELLED: &str = "ProgrammeEventCancelled";

// OutreachCampaign
pub const OUTREACH_CAMPAIGN_CREATED: &str = "OutreachCampaignCreated";
pub const OUTREACH_REACH_RECORDED: &str = "OutreachReachRecorded";

// Newsletter
pub const NEWSLETTER_SENT: &str = "NewsletterSent";

// NewsPost
pub const NEWS_POSTED: &str = "NewsPosted";

// CooperationNetwork
pub const COOPERATION_NETWORK_ESTABLISHED: &str = "CooperationNetworkEstablished";
pub const COOPERATION_NETWORK_MEMBER_JOINED: &str = "CooperationNetworkMemberJoined";

/// Every event type, in the catalogue's order.
pub const ALL: &[&str] = &[
    PARTICIPANT_REGISTERED,
    PARTICIPANT_PROFILE_UPDATED,
    CONSENT_GIVEN,
    CONSENT_WITHDRAWN,
    SELF_EMPLOYMENT_DECLARED,
    COURSE_CREATED,
    COURSE_CONTENT_UPDATED,
    COURSE_PUBLISHED,
    COURSE_RETIRED,
    ENROLLED_IN_COURSE,
    PROGRESS_RECORDED,
    EXAM_ATTEMPTED,
    CERTIFICATE_ISSUED,
    ENROLMENT_WITHDRAWN,
    LISTING_CREATED,
    LISTING_UPDATED,
    LISTING_PRICE_CHANGED,
    LISTING_PUBLISHED,
    LISTING_CLOSED,
    ORDER_PLACED,
    ORDER_PAID,
    ORDER_FULFILLED,
    ORDER_CANCELLED,
    MENTOR_REGISTERED,
    MENTOR_PROFILE_UPDATED,
    MENTOR_RETIRED,
    MENTEE_TAKEN,
    MENTEE_RELEASED,
    MENTORSHIP_REQUESTED,
    MENTORSHIP_ACCEPTED,
    MENTORSHIP_DECLINED,
    MENTORING_SESSION_LOGGED,
    MENTORING_GOAL_SET,
    MENTORING_GOAL_ACHIEVED,
    MENTORSHIP_CLOSED,
    EXPERT_REGISTERED,
    EXPERT_PROFILE_UPDATED,
    EXPERT_RETIRED,
    ADVICE_GROUP_CREATED,
    ADVICE_GROUP_JOINED,
    ADVICE_GROUP_QUESTION_ASKED,
    ADVICE_GROUP_QUESTION_ANSWERED,
    ADVICE_REQUESTED,
    ADVICE_REQUEST_ANSWERED,
    ADVICE_REQUEST_CLOSED,
    FINANCING_APPLICATION_OPENED,
    FINANCING_NEEDS_ASSESSED,
    FINANCING_CHANNEL_RECOMMENDED,
    FINANCING_PROJECT_CERTIFIED,
    FINANCING_REQUEST_SUBMITTED,
    FINANCING_APPROVED,
    FINANCING_REJECTED,
    FINANCING_FUNDS_RECEIVED,
    FINANCING_FOLLOW_UP_RECORDED,
    BUSINESS_CREATED,
    BUSINESS_JOBS_RECORDED,
    BUSINESS_B2B_RELATIONSHIP_FORMED,
    BUSINESS_RESTRUCTURED,
    BUSINESS_CLOSED,
    JOB_POSTED,
    JOB_APPLICATION_SUBMITTED,
    JOB_POSTING_FILLED,
    JOB_POSTING_CLOSED,
    PROGRAMME_EVENT_SCHEDULED,
    PROGRAMME_EVENT_PARTICIPANT_REGISTERED,
    PROGRAMME_EVENT_HELD,
    PROGRAMME_EVENT_ATTENDED,
    PROGRAMME_EVENT_CANCELLED,
    OUTREACH_CAMPAIGN_CREATED,
    OUTREACH_REACH_RECORDED,
    NEWSLETTER_SENT,
    NEWS_POSTED,
    COOPERATION_NETWORK_ESTABLISHED,
    COOPERATION_NETWORK_MEMBER_JOINED,
];

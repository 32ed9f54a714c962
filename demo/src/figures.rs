//! The seed's published figures, which one cohort of the demo reproduces exactly
//! (`/shared/design/INDICATORS.md`; "40+" is reproduced as 40).

/// Registered users, each enrolled in at least one course (USERS, TRAINED).
pub const PARTICIPANTS: usize = 1_200;
/// Distinct participants with a certificate (CERT).
pub const CERTIFIED: usize = 300;
/// Participants who declared self-employment after their first certificate (SELF_EMP).
pub const SELF_EMPLOYED_AFTER_CERTIFICATE: usize = 20;
/// Courses published (COURSES); shared by every cohort.
pub const COURSES: usize = 60;
/// Mentors registered and not retired (MENTORS).
pub const ACTIVE_MENTORS: usize = 30;
/// Mentors who retired (registered, then retired: not counted as available).
pub const RETIRED_MENTORS: usize = 2;
/// Expert service providers (EXPERTS).
pub const EXPERTS: usize = 40;
/// B2B advice groups (B2B_GROUPS).
pub const ADVICE_GROUPS: usize = 80;
/// Businesses created, none closed (SME, SME_ACTIVE).
pub const BUSINESSES: usize = 69;
/// B2B relationships formed (B2B).
pub const B2B_RELATIONSHIPS: usize = 96;
/// Direct jobs recorded (JOBS, direct).
pub const DIRECT_JOBS: u32 = 140;
/// Indirect jobs recorded (JOBS, indirect).
pub const INDIRECT_JOBS: u32 = 160;
/// Programme events held by kind over 2013–2015: networking, informative, expert forum,
/// discussion group (NET_EVT, INFO_EVT, FORUM, DISC), and how many of each in 2015.
pub const EVENTS_BY_KIND: [(&str, usize, usize); 4] = [
    ("networking", 15, 6),
    ("informative", 30, 12),
    ("expert_forum", 30, 12),
    ("discussion_group", 40, 18),
];
/// Events held in 2015 (EVT).
pub const EVENTS_2015: usize = 48;
/// Total attendance of the 2015 events, walk-ins included (EVT_PART).
pub const ATTENDANCE_2015: u32 = 600;
/// Of which walk-ins (no participant account).
pub const WALK_INS_2015: u32 = 120;
/// Attendances of migrant participants at 2015 events (EVT_MIGR).
pub const MIGRANT_ATTENDANCES_2015: u32 = 100;
/// Of which by participants from Latin America (EVT_MIGR_LATAM: 75 %).
pub const LATAM_ATTENDANCES_2015: u32 = 75;
/// Cooperation networks established (NET).
pub const NETWORKS: usize = 30;
/// Newsletters sent (NEWSL).
pub const NEWSLETTERS: usize = 40;
/// People reached by the outreach campaigns (REACH).
pub const PEOPLE_REACHED: u32 = 14_536;

use super::*;
use crate::testing::given;
use crate::values::ProgrammeCountry;
use chrono::NaiveDate;

fn created() -> OutreachEvent {
    OutreachEvent::OutreachCampaignCreated {
        name: "Spring 2014".into(),
        organiser: "CEEI Algarve".into(),
    }
}

fn reach(channel: OutreachChannel, people_reached: u32) -> RecordOutreachReach {
    RecordOutreachReach {
        channel,
        people_reached,
        on: NaiveDate::from_ymd_opt(2014, 4, 30).expect("date"),
        municipality: Some(" Faro ".into()),
        country: Some(ProgrammeCountry::Pt),
    }
}

#[test]
fn it_creates_a_campaign_once() {
    given::<OutreachCampaign>(&[])
        .when(OutreachCommand::Create(CreateOutreachCampaign {
            name: " Spring 2014 ".into(),
            organiser: "CEEI Algarve".into(),
        }))
        .then(&[created()]);
    given::<OutreachCampaign>(&[created()])
        .when(OutreachCommand::Create(CreateOutreachCampaign {
            name: "Again".into(),
            organiser: "CEEI Algarve".into(),
        }))
        .then_rule("outreach_campaign_already_exists");
    given::<OutreachCampaign>(&[])
        .when(OutreachCommand::Create(CreateOutreachCampaign {
            name: "".into(),
            organiser: "CEEI Algarve".into(),
        }))
        .then_invalid("name");
}

#[test]
fn it_sums_reach_per_channel_over_many_records() {
    let first = OutreachEvent::OutreachReachRecorded {
        channel: OutreachChannel::Radio,
        people_reached: 5_000,
        on: NaiveDate::from_ymd_opt(2014, 4, 30).expect("date"),
        municipality: Some("Faro".into()),
        country: None,
    };
    let state = given::<OutreachCampaign>(&[created(), first.clone(), first.clone()])
        .when(OutreachCommand::RecordReach(reach(
            OutreachChannel::Posters,
            300,
        )))
        .then(&[OutreachEvent::OutreachReachRecorded {
            channel: OutreachChannel::Posters,
            people_reached: 300,
            on: NaiveDate::from_ymd_opt(2014, 4, 30).expect("date"),
            municipality: Some("Faro".into()),
            country: Some(ProgrammeCountry::Pt),
        }]);
    assert_eq!(state.total_reached, 10_300);
    assert_eq!(state.reached_by_channel[&OutreachChannel::Radio], 10_000);
    assert_eq!(state.records, 3);
}

#[test]
fn it_needs_people_reached_and_an_existing_campaign() {
    given::<OutreachCampaign>(&[created()])
        .when(OutreachCommand::RecordReach(reach(OutreachChannel::Tv, 0)))
        .then_invalid("people_reached");
    given::<OutreachCampaign>(&[])
        .when(OutreachCommand::RecordReach(reach(OutreachChannel::Tv, 10)))
        .then_not_found();
}

#[test]
fn it_concerns_no_participant() {
    let subjects = given::<OutreachCampaign>(&[created()])
        .when(OutreachCommand::RecordReach(reach(
            OutreachChannel::Facebook,
            10,
        )))
        .subjects();
    assert!(subjects.is_empty());
}

use super::*;
use crate::businesses::business::BusinessFacts;
use crate::testing::given;
use crate::Role;
use std::str::FromStr;

fn eur(s: &str) -> Eur {
    Eur(rust_decimal::Decimal::from_str(s).expect("decimal"))
}

fn ana() -> Actor {
    Actor::new("p1", Role::Participant)
}

fn open_cmd(business_id: Option<&str>, business: Option<BusinessFacts>) -> FinancingCommand {
    FinancingCommand::Open {
        application: OpenFinancingApplication {
            participant_id: "p1".into(),
            business_id: business_id.map(Into::into),
            purpose: "A food truck".into(),
            amount_sought: eur("12500"),
        },
        participant_registered: true,
        business,
    }
}

fn opened() -> FinancingEvent {
    FinancingEvent::FinancingApplicationOpened {
        participant_id: "p1".into(),
        business_id: None,
        purpose: "A food truck".into(),
        amount_sought: eur("12500.00"),
    }
}

fn p1() -> String {
    "p1".into()
}

/// Every step up to and including a submitted request to a bank.
fn submitted() -> Vec<FinancingEvent> {
    vec![
        opened(),
        FinancingEvent::FinancingNeedsAssessed {
            participant_id: p1(),
            summary: "Needs a vehicle".into(),
        },
        FinancingEvent::FinancingChannelRecommended {
            participant_id: p1(),
            channel: FinancingChannel::Bank,
            name: "Caixa".into(),
        },
        FinancingEvent::FinancingProjectCertified {
            participant_id: p1(),
            partner_organisation: "Mita".into(),
        },
        FinancingEvent::FinancingRequestSubmitted {
            participant_id: p1(),
            channel: FinancingChannel::Bank,
            to: "Caixa".into(),
        },
    ]
}

fn approved(amount: &str) -> FinancingEvent {
    FinancingEvent::FinancingApproved {
        participant_id: p1(),
        channel: FinancingChannel::Bank,
        amount: eur(amount),
        amount_sought: eur("12500.00"),
    }
}

fn funds(amount: &str, total: &str) -> FinancingEvent {
    FinancingEvent::FinancingFundsReceived {
        participant_id: p1(),
        business_id: None,
        channel: FinancingChannel::Bank,
        amount: eur(amount),
        total_received: eur(total),
    }
}

fn after(mut past: Vec<FinancingEvent>, more: &[FinancingEvent]) -> Vec<FinancingEvent> {
    past.extend_from_slice(more);
    past
}

#[test]
fn it_opens_an_application_with_cents() {
    let state = given::<FinancingApplication>(&[])
        .when_by(&ana(), open_cmd(None, None))
        .then(&[opened()]);
    assert_eq!(state.stage, FinancingStage::Opened);
    assert_eq!(
        serde_json::to_value(state.amount_sought).ok(),
        Some(serde_json::json!("12500.00"))
    );
}

#[test]
fn it_lets_only_the_participant_or_staff_open_it() {
    given::<FinancingApplication>(&[])
        .when_by(&Actor::new("p2", Role::Participant), open_cmd(None, None))
        .then_forbidden();
}

#[test]
fn it_needs_a_registered_participant_and_a_positive_amount() {
    let FinancingCommand::Open { application, .. } = open_cmd(None, None) else {
        unreachable!()
    };
    given::<FinancingApplication>(&[])
        .when(FinancingCommand::Open {
            application: application.clone(),
            participant_registered: false,
            business: None,
        })
        .then_not_found();
    given::<FinancingApplication>(&[])
        .when(FinancingCommand::Open {
            application: OpenFinancingApplication {
                amount_sought: eur("0"),
                ..application
            },
            participant_registered: true,
            business: None,
        })
        .then_invalid("amount_sought");
}

#[test]
fn it_finances_only_an_open_business_the_participant_founded() {
    let facts = |founders: &[&str], closed| BusinessFacts {
        founder_ids: founders.iter().map(|f| (*f).to_owned()).collect(),
        closed,
    };
    given::<FinancingApplication>(&[])
        .when(open_cmd(Some("b1"), None))
        .then_not_found();
    given::<FinancingApplication>(&[])
        .when(open_cmd(Some("b1"), Some(facts(&["p2"], false))))
        .then_rule("participant_not_a_founder");
    given::<FinancingApplication>(&[])
        .when(open_cmd(Some("b1"), Some(facts(&["p1"], true))))
        .then_rule("business_closed");
}

#[test]
fn it_walks_every_step_in_order() {
    let state = given::<FinancingApplication>(&submitted())
        .when(FinancingCommand::Approve(ApproveFinancing {
            amount: eur("10000"),
        }))
        .then(&[approved("10000.00")]);
    assert_eq!(state.stage, FinancingStage::Approved);
    let past = after(submitted(), &[approved("10000.00")]);
    given::<FinancingApplication>(&past)
        .when(FinancingCommand::RecordFundsReceived(RecordFundsReceived {
            amount: eur("6000"),
        }))
        .then(&[funds("6000.00", "6000.00")]);
    let past = after(past, &[funds("6000.00", "6000.00")]);
    given::<FinancingApplication>(&past)
        .when(FinancingCommand::RecordFundsReceived(RecordFundsReceived {
            amount: eur("4000"),
        }))
        .then(&[funds("4000.00", "10000.00")]);
    given::<FinancingApplication>(&past)
        .when(FinancingCommand::RecordFollowUp(RecordFinancingFollowUp {
            note: "Truck bought".into(),
        }))
        .then(&[FinancingEvent::FinancingFollowUpRecorded {
            participant_id: p1(),
            note: "Truck bought".into(),
        }]);
}

#[test]
fn it_refuses_a_step_before_its_predecessor() {
    given::<FinancingApplication>(&[opened()])
        .when(FinancingCommand::CertifyProject(CertifyFinancingProject {
            partner_organisation: "UATAE".into(),
        }))
        .then_rule("financing_step_out_of_order");
    given::<FinancingApplication>(&[opened()])
        .when(FinancingCommand::Approve(ApproveFinancing {
            amount: eur("1"),
        }))
        .then_rule("financing_step_out_of_order");
    // a step already taken is not taken again
    given::<FinancingApplication>(&submitted()[..2])
        .when(FinancingCommand::AssessNeeds(AssessFinancingNeeds {
            summary: "again".into(),
        }))
        .then_rule("financing_step_out_of_order");
}

#[test]
fn it_names_the_expected_step() {
    let mut state = FinancingApplication::default();
    state.apply(&opened());
    let result = state.decide(
        FinancingCommand::SubmitRequest(SubmitFinancingRequest { to: "x".into() }),
        &Actor::new("s", Role::Staff),
    );
    match result {
        Err(DomainError::RuleBroken { message, .. }) => {
            assert!(message.contains("needs assessment"), "{message}");
        }
        other => panic!("expected a broken rule, got {other:?}"),
    }
}

#[test]
fn it_approves_at_most_the_amount_sought() {
    given::<FinancingApplication>(&submitted())
        .when(FinancingCommand::Approve(ApproveFinancing {
            amount: eur("12500.01"),
        }))
        .then_rule("approved_exceeds_amount_sought");
}

#[test]
fn it_receives_funds_only_after_approval_and_up_to_the_approved_amount() {
    let rejected = FinancingEvent::FinancingRejected {
        participant_id: p1(),
        channel: FinancingChannel::Bank,
        reason: "No guarantee".into(),
    };
    let receive = |amount: &str| {
        FinancingCommand::RecordFundsReceived(RecordFundsReceived {
            amount: eur(amount),
        })
    };
    given::<FinancingApplication>(&submitted())
        .when(receive("100"))
        .then_rule("financing_step_out_of_order");
    given::<FinancingApplication>(&after(submitted(), &[rejected]))
        .when(receive("100"))
        .then_rule("financing_step_out_of_order");
    given::<FinancingApplication>(&after(submitted(), &[approved("10000.00")]))
        .when(receive("10000.01"))
        .then_rule("funds_exceed_approved_amount");
    given::<FinancingApplication>(&after(
        submitted(),
        &[approved("10000.00"), funds("9000.00", "9000.00")],
    ))
    .when(receive("1000.01"))
    .then_rule("funds_exceed_approved_amount");
}

#[test]
fn it_records_follow_ups_only_once_the_outcome_is_known() {
    let follow_up = || {
        FinancingCommand::RecordFollowUp(RecordFinancingFollowUp {
            note: "Called".into(),
        })
    };
    given::<FinancingApplication>(&after(submitted(), &[approved("10000.00")]))
        .when(follow_up())
        .then_rule("financing_step_out_of_order");
    let rejected = FinancingEvent::FinancingRejected {
        participant_id: p1(),
        channel: FinancingChannel::Bank,
        reason: "No guarantee".into(),
    };
    given::<FinancingApplication>(&after(submitted(), &[rejected]))
        .when(follow_up())
        .then(&[FinancingEvent::FinancingFollowUpRecorded {
            participant_id: p1(),
            note: "Called".into(),
        }]);
}

#[test]
fn it_lets_only_staff_record_steps() {
    given::<FinancingApplication>(&[opened()])
        .when_by(
            &ana(),
            FinancingCommand::AssessNeeds(AssessFinancingNeeds {
                summary: "mine".into(),
            }),
        )
        .then_forbidden();
    given::<FinancingApplication>(&[])
        .when(FinancingCommand::AssessNeeds(AssessFinancingNeeds {
            summary: "x".into(),
        }))
        .then_not_found();
}

#[test]
fn it_concerns_the_applicant() {
    let subjects = given::<FinancingApplication>(&submitted())
        .when(FinancingCommand::Reject(RejectFinancing {
            reason: "No".into(),
        }))
        .subjects();
    assert_eq!(subjects, vec![p1()]);
}

use super::*;
use crate::testing::given;

fn requested() -> AdviceRequestEvent {
    AdviceRequestEvent::AdviceRequested {
        participant_id: "p1".into(),
        area: AreaOfSupport::Legal,
        question: "Which company form suits a food truck?".into(),
    }
}

fn answered() -> AdviceRequestEvent {
    AdviceRequestEvent::AdviceRequestAnswered {
        participant_id: "p1".into(),
        area: AreaOfSupport::Legal,
        expert_id: "e1".into(),
        text: "Start as a sole trader.".into(),
    }
}

fn answer(areas: &[AreaOfSupport]) -> AdviceRequestCommand {
    AdviceRequestCommand::Answer {
        text: "Start as a sole trader.".into(),
        expert: Some(ExpertStanding {
            areas: areas.iter().copied().collect(),
            retired: false,
        }),
    }
}

fn p1() -> Actor {
    Actor::new("p1", Role::Participant)
}

fn expert() -> Actor {
    Actor::new("e1", Role::Expert)
}

#[test]
fn it_lets_a_registered_participant_request_advice_by_area() {
    let request = |registered| AdviceRequestCommand::Request {
        participant_id: "p1".into(),
        area: AreaOfSupport::Legal,
        question: "Which company form suits a food truck?".into(),
        participant_registered: registered,
    };
    given::<AdviceRequest>(&[])
        .when_by(&p1(), request(true))
        .then(&[requested()]);
    given::<AdviceRequest>(&[])
        .when_by(&Actor::new("p2", Role::Participant), request(true))
        .then_forbidden();
    given::<AdviceRequest>(&[])
        .when(request(false))
        .then_not_found();
    given::<AdviceRequest>(&[requested()])
        .when(request(true))
        .then_rule("advice_request_already_exists");
}

#[test]
fn it_is_answered_once_by_an_expert_in_its_area() {
    given::<AdviceRequest>(&[requested()])
        .when_by(&expert(), answer(&[AreaOfSupport::Legal]))
        .then(&[answered()]);
    given::<AdviceRequest>(&[requested()])
        .when_by(&expert(), answer(&[AreaOfSupport::Tax]))
        .then_rule("expert_area_mismatch");
    given::<AdviceRequest>(&[requested()])
        .when(answer(&[AreaOfSupport::Legal]))
        .then_forbidden();
    given::<AdviceRequest>(&[requested(), answered()])
        .when_by(&expert(), answer(&[AreaOfSupport::Legal]))
        .then_rule("advice_already_answered");
    given::<AdviceRequest>(&[])
        .when_by(&expert(), answer(&[AreaOfSupport::Legal]))
        .then_not_found();
}

#[test]
fn it_is_closed_by_the_requester_or_staff_once() {
    let closed = AdviceRequestEvent::AdviceRequestClosed {
        participant_id: "p1".into(),
        area: AreaOfSupport::Legal,
        answered: true,
    };
    given::<AdviceRequest>(&[requested(), answered()])
        .when_by(&p1(), AdviceRequestCommand::Close)
        .then(std::slice::from_ref(&closed));
    given::<AdviceRequest>(&[requested()])
        .when_by(&expert(), AdviceRequestCommand::Close)
        .then_forbidden();
    given::<AdviceRequest>(&[requested(), closed])
        .when(AdviceRequestCommand::Close)
        .then_rule("advice_request_closed");
}

#[test]
fn it_concerns_the_requester() {
    let subjects = given::<AdviceRequest>(&[requested()])
        .when_by(&expert(), answer(&[AreaOfSupport::Legal]))
        .subjects();
    assert_eq!(subjects, ["p1"]);
}

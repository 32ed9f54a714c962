use super::*;
use crate::testing::given;

fn created() -> AdviceGroupEvent {
    AdviceGroupEvent::AdviceGroupCreated {
        topic: "Invoicing across the border".into(),
        area: AreaOfSupport::CrossBorder,
        title: "Cross-border B2B".into(),
    }
}

fn joined(p: &str) -> AdviceGroupEvent {
    AdviceGroupEvent::AdviceGroupJoined {
        participant_id: p.into(),
        area: AreaOfSupport::CrossBorder,
    }
}

fn asked() -> AdviceGroupEvent {
    AdviceGroupEvent::AdviceGroupQuestionAsked {
        question_id: "q1".into(),
        participant_id: "p1".into(),
        area: AreaOfSupport::CrossBorder,
        text: "VAT on services to Portugal?".into(),
    }
}

fn answered() -> AdviceGroupEvent {
    AdviceGroupEvent::AdviceGroupQuestionAnswered {
        question_id: "q1".into(),
        participant_id: "p1".into(),
        expert_id: "e1".into(),
        area: AreaOfSupport::CrossBorder,
        text: "Reverse charge applies.".into(),
    }
}

fn ask(participant_id: Option<&str>) -> AdviceGroupCommand {
    AdviceGroupCommand::Ask {
        question_id: "q1".into(),
        participant_id: participant_id.map(Into::into),
        text: "VAT on services to Portugal?".into(),
    }
}

fn answer(question: &str, expert: Option<ExpertStanding>) -> AdviceGroupCommand {
    AdviceGroupCommand::Answer {
        question_id: question.into(),
        text: "Reverse charge applies.".into(),
        expert,
    }
}

fn standing() -> Option<ExpertStanding> {
    Some(ExpertStanding {
        areas: [AreaOfSupport::Tax].into(),
        retired: false,
    })
}

fn p1() -> Actor {
    Actor::new("p1", Role::Participant)
}

fn expert() -> Actor {
    Actor::new("e1", Role::Expert)
}

#[test]
fn it_creates_a_group_on_a_topic() {
    let cmd = CreateAdviceGroup {
        topic: "Invoicing across the border".into(),
        area: AreaOfSupport::CrossBorder,
        title: "Cross-border B2B".into(),
    };
    given::<AdviceGroup>(&[])
        .when(AdviceGroupCommand::Create(cmd.clone()))
        .then(&[created()]);
    given::<AdviceGroup>(&[created()])
        .when(AdviceGroupCommand::Create(cmd))
        .then_rule("advice_group_already_exists");
}

#[test]
fn it_lets_registered_participants_join_once() {
    let join = |registered| AdviceGroupCommand::Join {
        participant_id: "p1".into(),
        participant_registered: registered,
    };
    given::<AdviceGroup>(&[created()])
        .when_by(&p1(), join(true))
        .then(&[joined("p1")]);
    given::<AdviceGroup>(&[created(), joined("p1")])
        .when_by(&p1(), join(true))
        .then_rule("already_a_member");
    given::<AdviceGroup>(&[created()])
        .when_by(&Actor::new("p2", Role::Participant), join(true))
        .then_forbidden();
    given::<AdviceGroup>(&[created()])
        .when(join(false))
        .then_not_found();
    given::<AdviceGroup>(&[]).when(join(true)).then_not_found();
}

#[test]
fn it_lets_only_members_ask() {
    given::<AdviceGroup>(&[created(), joined("p1")])
        .when_by(&p1(), ask(None))
        .then(&[asked()]);
    given::<AdviceGroup>(&[created(), joined("p1")])
        .when(ask(Some("p1")))
        .then(&[asked()]);
    given::<AdviceGroup>(&[created()])
        .when_by(&p1(), ask(None))
        .then_rule("not_a_member");
    given::<AdviceGroup>(&[created(), joined("p1")])
        .when_by(&Actor::new("p2", Role::Participant), ask(Some("p1")))
        .then_forbidden();
    given::<AdviceGroup>(&[created(), joined("p1")])
        .when(ask(None))
        .then_invalid("participant_id");
    given::<AdviceGroup>(&[created(), joined("p1"), asked()])
        .when_by(&p1(), ask(None))
        .then_rule("question_already_asked");
}

#[test]
fn it_lets_only_experts_answer_known_questions() {
    let past = [created(), joined("p1"), asked()];
    given::<AdviceGroup>(&past)
        .when_by(&expert(), answer("q1", standing()))
        .then(&[answered()]);
    given::<AdviceGroup>(&past)
        .when_by(&p1(), answer("q1", None))
        .then_forbidden();
    given::<AdviceGroup>(&past)
        .when(answer("q1", None))
        .then_forbidden();
    given::<AdviceGroup>(&past)
        .when_by(&expert(), answer("q9", standing()))
        .then_rule("unknown_question");
    given::<AdviceGroup>(&past)
        .when_by(&expert(), answer("q1", None))
        .then_rule("expert_not_registered");
}

#[test]
fn it_keeps_answers_for_later_members() {
    let state = given::<AdviceGroup>(&[created(), joined("p1"), asked()])
        .when_by(&expert(), answer("q1", standing()))
        .then(&[answered()]);
    let late = Actor::new("p2", Role::Participant);
    assert!(!state.readable_by(&late));
    let mut state = state;
    state.apply(&joined("p2"));
    assert!(state.readable_by(&late));
    assert_eq!(state.questions[0].answers[0].expert_id, "e1");
}

#[test]
fn it_concerns_the_joiner_and_the_asker() {
    let subjects = given::<AdviceGroup>(&[created(), joined("p1"), asked(), joined("p2")])
        .when_by(&expert(), answer("q1", standing()))
        .subjects();
    assert_eq!(subjects, ["p1"]);
    let subjects = given::<AdviceGroup>(&[created()])
        .when_by(
            &Actor::new("p2", Role::Participant),
            AdviceGroupCommand::Join {
                participant_id: "p2".into(),
                participant_registered: true,
            },
        )
        .subjects();
    assert_eq!(subjects, ["p2"]);
}

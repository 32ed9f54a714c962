use super::*;
use crate::testing::given;

fn send(recipients: u32) -> NewsletterCommand {
    NewsletterCommand::Send(SendNewsletter {
        subject: "Ruta CECE nº 3".into(),
        recipients,
        languages: [Language::Es, Language::Pt].into(),
    })
}

fn sent() -> NewsletterEvent {
    NewsletterEvent::NewsletterSent {
        subject: "Ruta CECE nº 3".into(),
        recipients: 1_200,
        languages: [Language::Es, Language::Pt].into(),
    }
}

#[test]
fn it_sends_an_issue_once() {
    let state = given::<Newsletter>(&[]).when(send(1_200)).then(&[sent()]);
    assert_eq!(state.sent.map(|s| s.recipients), Some(1_200));
    given::<Newsletter>(&[sent()])
        .when(send(1_200))
        .then_rule("newsletter_already_sent");
}

#[test]
fn it_needs_recipients_a_language_and_a_subject() {
    given::<Newsletter>(&[])
        .when(send(0))
        .then_invalid("recipients");
    given::<Newsletter>(&[])
        .when(NewsletterCommand::Send(SendNewsletter {
            subject: "x".into(),
            recipients: 5,
            languages: BTreeSet::new(),
        }))
        .then_invalid("languages");
    given::<Newsletter>(&[])
        .when(NewsletterCommand::Send(SendNewsletter {
            subject: " ".into(),
            recipients: 5,
            languages: [Language::En].into(),
        }))
        .then_invalid("subject");
}

#[test]
fn it_concerns_no_participant() {
    assert!(given::<Newsletter>(&[]).when(send(3)).subjects().is_empty());
}

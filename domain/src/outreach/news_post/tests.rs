use super::*;
use crate::testing::given;

fn post(title: &str) -> NewsPostCommand {
    NewsPostCommand::Post(PostNews {
        title: title.into(),
        body: "Abiertas las inscripciones.".into(),
        language: Language::Es,
    })
}

fn posted() -> NewsPostEvent {
    NewsPostEvent::NewsPosted {
        title: "Nuevo foro".into(),
        body: "Abiertas las inscripciones.".into(),
        language: Language::Es,
    }
}

#[test]
fn it_posts_news_once() {
    let state = given::<NewsPost>(&[])
        .when(post(" Nuevo foro "))
        .then(&[posted()]);
    assert!(state.post.is_some());
    given::<NewsPost>(&[posted()])
        .when(post("Nuevo foro"))
        .then_rule("news_already_posted");
}

#[test]
fn it_needs_a_title() {
    given::<NewsPost>(&[]).when(post("")).then_invalid("title");
}

#[test]
fn it_concerns_no_participant() {
    assert!(given::<NewsPost>(&[]).when(post("t")).subjects().is_empty());
}

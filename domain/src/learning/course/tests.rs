use super::*;
use crate::testing::given;
use crate::values::Language;

fn create() -> CreateCourse {
    CreateCourse {
        titles: [(Language::Es, "Contabilidad básica".to_owned())].into(),
        descriptions: [(Language::Es, "Cuentas para tu negocio".to_owned())].into(),
        topic: Topic::Financing,
        hours: 20,
        pass_mark: 50,
        max_exam_attempts: 3,
    }
}

fn created() -> CourseEvent {
    let c = create();
    CourseEvent::CourseCreated {
        titles: c.titles,
        descriptions: c.descriptions,
        topic: c.topic,
        hours: c.hours,
        pass_mark: c.pass_mark,
        max_exam_attempts: c.max_exam_attempts,
    }
}

#[test]
fn it_creates_a_draft_course() {
    let state = given::<Course>(&[])
        .when(CourseCommand::Create(create()))
        .then(&[created()]);
    assert_eq!(state.status, CourseStatus::Draft);
}

#[test]
fn it_needs_a_title_in_some_language() {
    let mut cmd = create();
    cmd.titles.clear();
    cmd.descriptions.clear();
    given::<Course>(&[])
        .when(CourseCommand::Create(cmd))
        .then_invalid("titles");
}

#[test]
fn it_refuses_a_description_without_a_title_in_its_language() {
    let mut cmd = create();
    cmd.descriptions.insert(Language::Pt, "Contas".into());
    given::<Course>(&[])
        .when(CourseCommand::Create(cmd))
        .then_invalid("descriptions");
}

#[test]
fn it_bounds_pass_mark_and_attempts() {
    let mut cmd = create();
    cmd.pass_mark = 101;
    given::<Course>(&[])
        .when(CourseCommand::Create(cmd))
        .then_invalid("pass_mark");
    let mut cmd = create();
    cmd.max_exam_attempts = 0;
    given::<Course>(&[])
        .when(CourseCommand::Create(cmd))
        .then_invalid("max_exam_attempts");
}

#[test]
fn it_creates_once() {
    given::<Course>(&[created()])
        .when(CourseCommand::Create(create()))
        .then_rule("course_already_exists");
}

#[test]
fn it_publishes_a_draft_once() {
    given::<Course>(&[created()])
        .when(CourseCommand::Publish)
        .then(&[CourseEvent::CoursePublished]);
    given::<Course>(&[created(), CourseEvent::CoursePublished])
        .when(CourseCommand::Publish)
        .then_rule("course_already_published");
    given::<Course>(&[])
        .when(CourseCommand::Publish)
        .then_not_found();
}

#[test]
fn it_retires_and_then_freezes_the_course() {
    let past = [created(), CourseEvent::CoursePublished];
    given::<Course>(&past)
        .when(CourseCommand::Retire)
        .then(&[CourseEvent::CourseRetired]);
    let retired = [
        created(),
        CourseEvent::CoursePublished,
        CourseEvent::CourseRetired,
    ];
    given::<Course>(&retired)
        .when(CourseCommand::Retire)
        .then_rule("course_already_retired");
    given::<Course>(&retired)
        .when(CourseCommand::Publish)
        .then_rule("course_retired");
    given::<Course>(&retired)
        .when(CourseCommand::UpdateContent(UpdateCourseContent::default()))
        .then_rule("course_retired");
}

#[test]
fn it_updates_content_and_ignores_no_change() {
    let update = UpdateCourseContent {
        titles: Some(
            [
                (Language::Es, "Contabilidad básica".to_owned()),
                (Language::Pt, "Contabilidade básica".to_owned()),
            ]
            .into(),
        ),
        ..UpdateCourseContent::default()
    };
    let state = given::<Course>(&[created()])
        .when(CourseCommand::UpdateContent(update))
        .then(&[CourseEvent::CourseContentUpdated {
            titles: [
                (Language::Es, "Contabilidad básica".to_owned()),
                (Language::Pt, "Contabilidade básica".to_owned()),
            ]
            .into(),
            descriptions: create().descriptions,
            topic: Topic::Financing,
            hours: 20,
            pass_mark: 50,
            max_exam_attempts: 3,
        }]);
    assert_eq!(state.content.map(|c| c.titles.len()), Some(2));
    given::<Course>(&[created()])
        .when(CourseCommand::UpdateContent(UpdateCourseContent::default()))
        .then(&[]);
}

#[test]
fn it_concerns_no_participant() {
    let subjects = given::<Course>(&[])
        .when(CourseCommand::Create(create()))
        .subjects();
    assert!(subjects.is_empty());
}

//! E-learning use cases that need more than one aggregate: the command layer looks up the
//! participant and the course and places the facts in the enrolment's command.

use rand::Rng;
use ruta_domain::course::Course;
use ruta_domain::enrolment::{enrolment_id, Enrolment, EnrolmentCommand};
use ruta_domain::participant::Participant;

use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// Enrols `participant_id` in `course_id` (at most once).
///
/// # Errors
/// See [`Executor::execute`]; unknown participant or course give `DomainError::NotFound`.
pub async fn enrol(
    executor: &Executor,
    participant_id: &str,
    course_id: &str,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let participant = executor.load::<Participant>(participant_id).await?;
    let course = executor.load::<Course>(course_id).await?;
    let command = EnrolmentCommand::Enrol {
        participant_id: participant_id.to_owned(),
        course_id: course_id.to_owned(),
        participant_registered: participant.is_some_and(|p| p.is_registered()),
        course: course.and_then(|c| c.terms()),
    };
    executor
        .execute::<Enrolment>(&enrolment_id(participant_id, course_id), command, ctx)
        .await
}

/// Records an exam attempt; a pass issues the certificate with a fresh verification code.
///
/// # Errors
/// See [`Executor::execute`].
pub async fn sit_exam(
    executor: &Executor,
    enrolment: &str,
    score: u8,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let command = EnrolmentCommand::SitExam {
        score,
        certificate_code: new_certificate_code(),
    };
    executor.execute::<Enrolment>(enrolment, command, ctx).await
}

/// A verification code such as `K7QM-2XHD-9RTA`: 60 random bits in Crockford's base 32,
/// which leaves out I, L, O and U so that codes read aloud or typed survive.
pub fn new_certificate_code() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::rng();
    let chars: Vec<char> = (0..12)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    #[test]
    fn it_draws_readable_distinct_codes() {
        let a = super::new_certificate_code();
        let b = super::new_certificate_code();
        assert_eq!(a.len(), 14);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_alphanumeric()));
        assert!(!a.contains(['I', 'L', 'O', 'U']));
    }
}

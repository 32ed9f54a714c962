//! Who may do what: every role set and role check, for commands and for reads alike. The
//! HTTP layer and the command layer both ask here, so a rule changed once holds for every
//! caller. Rules that depend on an aggregate's state and on who acts ("only the seller edits")
//! live in the aggregates, which receive the acting [`Actor`] in every `decide`.

use ruta_domain::{Actor, DomainError, Role};

/// Programme staff and administrators.
pub const STAFF: &[Role] = &[Role::Staff, Role::Admin];
/// Who may found a business or act for one: a participant, or staff for them.
pub const FOUNDERS_OR_STAFF: &[Role] = &[Role::Participant, Role::Staff, Role::Admin];
/// Who may list products and services.
pub const SELLERS: &[Role] = &[Role::Participant, Role::Staff, Role::Admin];
/// Who may read outreach figures.
pub const MONITORS: &[Role] = &[Role::Staff, Role::Admin, Role::Evaluator, Role::Analyst];
/// Who may read the monitoring reports.
pub const REPORT_READERS: &[Role] = &[Role::Evaluator, Role::Staff, Role::Admin];
/// Who may read the projectors' status.
pub const OPERATORS: &[Role] = &[Role::Staff, Role::Admin, Role::Analyst];

/// Refuses unless `actor` has one of `roles`.
///
/// # Errors
/// [`DomainError::Forbidden`] naming the roles that may.
pub fn require(actor: &Actor, roles: &[Role]) -> Result<(), DomainError> {
    if roles.contains(&actor.role) {
        return Ok(());
    }
    let allowed: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    Err(DomainError::forbidden(format!(
        "this needs one of the roles: {}",
        allowed.join(", ")
    )))
}

/// Refuses unless `actor` is staff, an admin, or that participant.
///
/// # Errors
/// [`DomainError::Forbidden`].
pub fn require_self_or_staff(actor: &Actor, participant_id: &str) -> Result<(), DomainError> {
    if actor.acts_for(participant_id) {
        Ok(())
    } else {
        Err(DomainError::forbidden(
            "participants may only act on their own records",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_names_the_roles_that_may() {
        let participant = Actor::new("p-1", Role::Participant);
        assert!(require(&participant, STAFF).is_err());
        assert!(require(&Actor::new("s-1", Role::Staff), STAFF).is_ok());
        let refusal = require(&participant, REPORT_READERS)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(refusal.contains("evaluator, staff, admin"), "{refusal}");
        assert!(require_self_or_staff(&participant, "p-1").is_ok());
        assert!(require_self_or_staff(&participant, "p-2").is_err());
    }
}

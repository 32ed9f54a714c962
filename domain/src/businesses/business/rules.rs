//! The decisions of a business: creation, jobs, restructuring, closure.

use chrono::NaiveDate;

use super::{
    Business, BusinessEvent, BusinessStatus, CloseBusiness, CreateBusiness, LegalForm, RecordJobs,
    RestructureBusiness, MAX_FOUNDERS,
};
use crate::error::Decision;
use crate::values::{required_text, ProgrammeCountry};
use crate::{Actor, DomainError, Role};

impl Business {
    /// The business exists, is open, and `actor` may change it.
    pub(super) fn require_open_for(&self, actor: &Actor) -> Result<(), DomainError> {
        if !self.exists() {
            return Err(DomainError::NotFound { what: "business" });
        }
        if !self.is_run_by(actor) {
            return Err(DomainError::forbidden(
                "only the business's founders or staff may change it",
            ));
        }
        if self.status == BusinessStatus::Closed {
            return Err(DomainError::rule(
                "business_closed",
                "the business is closed; nothing more can be recorded",
            ));
        }
        Ok(())
    }

    pub(super) fn require_after_founding(
        &self,
        field: &'static str,
        on: NaiveDate,
    ) -> Result<(), DomainError> {
        match self.founded_on {
            Some(founded) if on < founded => Err(DomainError::rule(
                "date_before_founding",
                format!("{field} ({on}) is before the business was founded ({founded})"),
            )),
            _ => Ok(()),
        }
    }

    pub(super) fn create(
        &self,
        cmd: CreateBusiness,
        unregistered: Vec<String>,
        actor: &Actor,
    ) -> Decision<BusinessEvent> {
        if self.exists() {
            return Err(DomainError::rule(
                "business_already_exists",
                "a business with this id already exists",
            ));
        }
        let mut founder_ids = Vec::with_capacity(cmd.founder_ids.len());
        for id in &cmd.founder_ids {
            let id = required_text("founder_ids", id, 200)?;
            if founder_ids.contains(&id) {
                return Err(DomainError::invalid("founder_ids", "lists a founder twice"));
            }
            founder_ids.push(id);
        }
        if founder_ids.len() > MAX_FOUNDERS {
            return Err(DomainError::invalid(
                "founder_ids",
                format!("at most {MAX_FOUNDERS} founders"),
            ));
        }
        if founder_ids.is_empty() {
            return Err(DomainError::invalid(
                "founder_ids",
                "needs at least one founder",
            ));
        }
        // Naming someone a founder puts the business in their journey and their indicators:
        // only staff, who can check it, record co-founders.
        if !(actor.is_staff()
            || (actor.role == Role::Participant && founder_ids == [actor.id.clone()]))
        {
            return Err(DomainError::forbidden(
                "participants register a business with themselves as its only founder; \
                 staff record co-founders",
            ));
        }
        if let Some(id) = unregistered.first() {
            return Err(DomainError::rule(
                "founder_not_registered",
                format!("founder {id} is not a registered participant"),
            ));
        }
        Ok(vec![BusinessEvent::BusinessCreated {
            founder_ids,
            name: required_text("name", &cmd.name, 200)?,
            sector: required_text("sector", &cmd.sector, 120)?,
            legal_form: cmd.legal_form,
            country: cmd.country,
            municipality: required_text("municipality", &cmd.municipality, 120)?,
            founded_on: cmd.founded_on,
            ecommerce: cmd.ecommerce,
        }])
    }

    pub(super) fn record_jobs(&self, cmd: RecordJobs, actor: &Actor) -> Decision<BusinessEvent> {
        self.require_open_for(actor)?;
        if cmd.direct == 0 && cmd.indirect == 0 {
            return Err(DomainError::invalid(
                "direct",
                "direct or indirect jobs must be greater than zero",
            ));
        }
        self.require_after_founding("on", cmd.on)?;
        let total = |current: u32, added: u32, field| {
            current
                .checked_add(added)
                .filter(|t| *t <= 1_000_000)
                .ok_or_else(|| DomainError::invalid(field, "is implausibly large"))
        };
        Ok(vec![BusinessEvent::BusinessJobsRecorded {
            direct: cmd.direct,
            indirect: cmd.indirect,
            on: cmd.on,
            direct_total: total(self.direct_jobs, cmd.direct, "direct")?,
            indirect_total: total(self.indirect_jobs, cmd.indirect, "indirect")?,
            country: self.country.unwrap_or(ProgrammeCountry::Es),
        }])
    }

    pub(super) fn restructure(
        &self,
        cmd: RestructureBusiness,
        actor: &Actor,
    ) -> Decision<BusinessEvent> {
        self.require_open_for(actor)?;
        let name = match cmd.name {
            Some(name) => required_text("name", &name, 200)?,
            None => self.name.clone(),
        };
        Ok(vec![BusinessEvent::BusinessRestructured {
            version: self.version + 1,
            name,
            legal_form: cmd
                .legal_form
                .or(self.legal_form)
                .unwrap_or(LegalForm::Other),
            note: required_text("note", &cmd.note, 2_000)?,
        }])
    }

    pub(super) fn close(&self, cmd: CloseBusiness, actor: &Actor) -> Decision<BusinessEvent> {
        self.require_open_for(actor)?;
        self.require_after_founding("on", cmd.on)?;
        Ok(vec![BusinessEvent::BusinessClosed {
            on: cmd.on,
            reason: required_text("reason", &cmd.reason, 2_000)?,
        }])
    }
}

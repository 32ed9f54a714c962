//! Listing: a product or service a participant offers on the marketplace.
//!
//! Draft → published ⇄ closed. Only the seller (or staff) edits, prices, publishes or closes
//! it; a price change is its own event so that price history can be read from the log.

use serde::{Deserialize, Serialize};

use crate::businesses::business::BusinessFacts;
use crate::error::Decision;
use crate::values::{required_text, Eur};
use crate::{Actor, Aggregate, DomainError};

const MAX_TITLE: usize = 200;
const MAX_DESCRIPTION: usize = 5_000;
const MAX_CATEGORY: usize = 80;
const MAX_MUNICIPALITY: usize = 120;
const MAX_ID: usize = 200;

mod types;
pub use types::{
    CreateListing, ListingCommand, ListingDetails, ListingEvent, ListingKind, ListingStatus,
    ListingTerms, UpdateListing,
};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Listing {
    pub status: ListingStatus,
    pub details: Option<ListingDetails>,
}

impl Listing {
    pub fn terms(&self) -> Option<ListingTerms> {
        self.details.as_ref().map(|d| ListingTerms {
            status: self.status,
            seller_id: d.seller_id.clone(),
            business_id: d.business_id.clone(),
            kind: d.kind,
            title: d.title.clone(),
            category: d.category.clone(),
            price: d.price,
            country: d.country,
        })
    }

    /// The listing, if `actor` is its seller or staff.
    fn editable_by(&self, actor: &Actor) -> Result<&ListingDetails, DomainError> {
        let details = self
            .details
            .as_ref()
            .ok_or(DomainError::NotFound { what: "listing" })?;
        if actor.acts_for(&details.seller_id) {
            Ok(details)
        } else {
            Err(DomainError::forbidden(
                "only the seller or staff may change a listing",
            ))
        }
    }

    fn create(
        &self,
        cmd: CreateListing,
        seller_registered: bool,
        business: Option<BusinessFacts>,
        actor: &Actor,
    ) -> Decision<ListingEvent> {
        let seller_id = required_text("seller_id", &cmd.seller_id, MAX_ID)?;
        // Who may list comes before whether the id is taken.
        if !actor.acts_for(&seller_id) {
            return Err(DomainError::forbidden(
                "participants may only list for themselves",
            ));
        }
        if self.details.is_some() {
            return Err(DomainError::rule(
                "listing_already_exists",
                "a listing with this id already exists",
            ));
        }
        if !seller_registered {
            return Err(DomainError::NotFound {
                what: "participant",
            });
        }
        let business_id = cmd
            .business_id
            .map(|b| required_text("business_id", &b, MAX_ID))
            .transpose()?;
        if business_id.is_some() {
            business
                .ok_or(DomainError::NotFound { what: "business" })?
                .require_founder(&seller_id)?;
        }
        let details = ListingDetails {
            seller_id,
            business_id,
            kind: cmd.kind,
            title: required_text("title", &cmd.title, MAX_TITLE)?,
            description: description(&cmd.description)?,
            language: cmd.language,
            category: required_text("category", &cmd.category, MAX_CATEGORY)?,
            price: Eur::positive("price", cmd.price)?,
            municipality: required_text("municipality", &cmd.municipality, MAX_MUNICIPALITY)?,
            country: cmd.country,
        };
        Ok(vec![ListingEvent::ListingCreated { details }])
    }

    fn update(&self, cmd: UpdateListing, actor: &Actor) -> Decision<ListingEvent> {
        let d = self.editable_by(actor)?;
        let title = match cmd.title {
            Some(t) => required_text("title", &t, MAX_TITLE)?,
            None => d.title.clone(),
        };
        let description = match cmd.description {
            Some(text) => description(&text)?,
            None => d.description.clone(),
        };
        let category = match cmd.category {
            Some(c) => required_text("category", &c, MAX_CATEGORY)?,
            None => d.category.clone(),
        };
        let language = cmd.language.unwrap_or(d.language);
        if (&title, &description, language, &category)
            == (&d.title, &d.description, d.language, &d.category)
        {
            return Ok(vec![]);
        }
        Ok(vec![ListingEvent::ListingUpdated {
            seller_id: d.seller_id.clone(),
            title,
            description,
            language,
            category,
        }])
    }

    fn change_price(&self, price: Eur, actor: &Actor) -> Decision<ListingEvent> {
        let d = self.editable_by(actor)?;
        let price = Eur::positive("price", price)?;
        if price == d.price {
            return Ok(vec![]);
        }
        Ok(vec![ListingEvent::ListingPriceChanged {
            seller_id: d.seller_id.clone(),
            old_price: d.price,
            new_price: price,
        }])
    }

    fn publish(&self, business: Option<&BusinessFacts>, actor: &Actor) -> Decision<ListingEvent> {
        let d = self.editable_by(actor)?;
        if self.status == ListingStatus::Published {
            return Err(DomainError::rule(
                "listing_already_published",
                "the listing is already published",
            ));
        }
        if d.business_id.is_some() {
            let business = business.ok_or(DomainError::NotFound { what: "business" })?;
            if business.closed {
                return Err(DomainError::rule(
                    "business_closed",
                    "the listing's business is closed",
                ));
            }
        }
        Ok(vec![ListingEvent::ListingPublished {
            seller_id: d.seller_id.clone(),
            kind: d.kind,
            category: d.category.clone(),
            reopened: self.status == ListingStatus::Closed,
        }])
    }

    fn close(&self, actor: &Actor) -> Decision<ListingEvent> {
        let d = self.editable_by(actor)?;
        match self.status {
            ListingStatus::Published => Ok(vec![ListingEvent::ListingClosed {
                seller_id: d.seller_id.clone(),
            }]),
            ListingStatus::Draft => Err(DomainError::rule(
                "listing_not_published",
                "only a published listing can be closed",
            )),
            ListingStatus::Closed => Err(DomainError::rule(
                "listing_already_closed",
                "the listing is already closed",
            )),
        }
    }
}

/// An optional description: trimmed, may be empty, bounded.
fn description(text: &str) -> Result<String, DomainError> {
    let text = text.trim();
    if text.chars().count() > MAX_DESCRIPTION {
        return Err(DomainError::invalid(
            "description",
            format!("must be at most {MAX_DESCRIPTION} characters"),
        ));
    }
    Ok(text.to_owned())
}

impl Aggregate for Listing {
    const TYPE: &'static str = "Listing";
    type Command = ListingCommand;
    type Event = ListingEvent;

    fn decide(&self, command: ListingCommand, actor: &Actor) -> Decision<ListingEvent> {
        match command {
            ListingCommand::Create {
                listing,
                seller_registered,
                business,
            } => self.create(listing, seller_registered, business, actor),
            ListingCommand::Update(cmd) => self.update(cmd, actor),
            ListingCommand::ChangePrice { price } => self.change_price(price, actor),
            ListingCommand::Publish { business } => self.publish(business.as_ref(), actor),
            ListingCommand::Close => self.close(actor),
        }
    }

    fn apply(&mut self, event: &ListingEvent) {
        match event.clone() {
            ListingEvent::ListingCreated { details } => self.details = Some(details),
            ListingEvent::ListingUpdated {
                title,
                description,
                language,
                category,
                ..
            } => {
                if let Some(d) = self.details.as_mut() {
                    d.title = title;
                    d.description = description;
                    d.language = language;
                    d.category = category;
                }
            }
            ListingEvent::ListingPriceChanged { new_price, .. } => {
                if let Some(d) = self.details.as_mut() {
                    d.price = new_price;
                }
            }
            ListingEvent::ListingPublished { .. } => self.status = ListingStatus::Published,
            ListingEvent::ListingClosed { .. } => self.status = ListingStatus::Closed,
        }
    }

    fn subjects(&self, _aggregate_id: &str, _event: &ListingEvent) -> Vec<String> {
        self.details.iter().map(|d| d.seller_id.clone()).collect()
    }
}

#[cfg(test)]
mod tests;

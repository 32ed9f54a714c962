//! Ruta's domain: the programme's aggregates as pure decisions.
//!
//! Every aggregate is a plain value with two functions: [`Aggregate::decide`] turns a command
//! into events (or a [`DomainError`]) from the current state, and [`Aggregate::apply`] folds an
//! event into the state. Nothing here reads a clock, draws a random number or touches I/O:
//! whatever a decision needs from outside (the time, a fresh code, another aggregate's state) is
//! looked up by the command layer and placed in the command.

pub mod actor;
pub mod advice;
pub mod aggregate;
pub mod businesses;
#[cfg(feature = "openapi")]
pub mod catalogue;
pub mod dates;
pub mod error;
pub mod event_types;
pub mod events;
pub mod financing;
pub mod input;
pub mod learning;
pub mod marketplace;
pub mod mentoring;
pub mod outreach;
pub mod participant;
pub mod personal;
pub mod regions;
pub mod values;

#[cfg(test)]
mod testing;

pub use actor::{Actor, Role};
pub use aggregate::{Aggregate, DomainEvent};
pub use error::DomainError;

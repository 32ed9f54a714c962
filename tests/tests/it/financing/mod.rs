//! Financing applications.

mod api_financing;

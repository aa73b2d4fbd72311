//! The simulated Django 5.2 session framework: settings, `SessionStore` and its engines,
//! `SessionMiddleware`, cookies, signing and the JSON rules applied on save.

pub mod clock;
pub mod cookies;
pub mod http;
pub mod json;
pub mod keys;
pub mod middleware;
pub mod pyargs;
pub mod request;
pub mod session;
pub mod settings;
pub mod signing;

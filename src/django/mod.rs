//! The simulated Django 5.2 session framework: settings, `SessionStore` and its engines,
//! `SessionMiddleware`, cookies, signing and the JSON rules applied on save.

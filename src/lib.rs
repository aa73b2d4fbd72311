//! `learn`: a terminal course on Django's session framework.
//!
//! Pure engine code lives in `content`, `quiz`, `python`, `django` and `sim`; it knows
//! nothing of terminals. `ui` renders what the engine produced.

//! Quiz logic with no terminal in it: ordering, shuffling, answering, scoring, attempts.

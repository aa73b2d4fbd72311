//! Course content: lesson pages, quizzes and topics, loaded from the copy embedded in the
//! binary or from a directory, and checked by `learn check`.

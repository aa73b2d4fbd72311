//! Counted nouns, as a person writes them: "1 item", "2 items", never "2 item(s)".

/// `n` and the noun in the form that agrees with it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "hold" or "holds", for a count of `n` things that do.
pub fn hold(n: usize) -> &'static str {
    if n == 1 {
        "holds"
    } else {
        "hold"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(0, "item", "items"), "0 items");
        assert_eq!(count(1, "item", "items"), "1 item");
        assert_eq!(
            count(2, "new flashcard", "new flashcards"),
            "2 new flashcards"
        );
        assert_eq!(hold(1), "holds");
        assert_eq!(hold(3), "hold");
    }
}

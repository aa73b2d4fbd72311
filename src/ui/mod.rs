//! Everything that touches the terminal: prompts, the pager, the quiz screen, styles.

//! A guard against running out of native stack on deeply nested input: recursion checks how
//! far the stack has grown since a recorded base and refuses to go on past a budget.

/// Stack a parse may use (refused beyond, whatever the depth counters say).
pub(crate) const PARSE_BUDGET: usize = 640 * 1024;
/// Stack a run of user code may use before `RecursionError`.
pub(crate) const EVAL_BUDGET: usize = 1024 * 1024;

/// The current stack position (an address of a local).
#[inline(never)]
pub(crate) fn position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// How many bytes the stack has grown since `base`.
#[inline]
pub(crate) fn used_since(base: usize) -> usize {
    base.abs_diff(position())
}

//! The budget a run of Python code spends: steps of work and bytes of memory.
//!
//! Every run (`load`, `call`, `exec_interactive`) starts with a fresh allowance of steps: one
//! per statement, loop iteration and comprehension item, and one per [`ITEMS_PER_STEP`] items
//! or [`BYTES_PER_STEP`] bytes of bulk work (items copied, compared or hashed, bytes built or
//! scanned, digit operations of big ints). Code anywhere in the interpreter charges it through
//! the free functions here ([`items`], [`bytes`], [`steps`]), so an operation deep in
//! `types::ops` or `text::format` pays for its work without an `Exec` at hand. Operations that
//! cannot return an error (a `repr` for display) look at [`exhausted`] and stop early; the
//! run then stops at its next step.
//!
//! Memory is counted by the allocator ([`CountingAlloc`], the program's global allocator):
//! the bytes this thread holds now. Past [`MEMORY_LIMIT`] the run stops at its next step or
//! charge with [`PyError::Limit`]; the simulator also checks [`memory_in_use`] between
//! requests, so what a scenario keeps (sessions, globals, console, trace, store) counts too.
//! Sizes are checked before big results are built ([`check_len`], [`check_items`]).
//!
//! The state is per thread: the interpreter's values are `Rc`s and never leave their thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use crate::python::PyError;

/// Items of bulk work (copied, compared, hashed) that cost one step.
pub const ITEMS_PER_STEP: u64 = 16;
/// Bytes of bulk work (built, scanned, converted) that cost one step.
pub const BYTES_PER_STEP: u64 = 512;
/// The most heap one thread of the interpreter may hold (everything it keeps: values,
/// globals, console, and in the simulator the trace, transcript and store).
pub const MEMORY_LIMIT: usize = 128 * 1024 * 1024;
pub use crate::python::types::ops::{MAX_ITEMS, MAX_STR_LEN as MAX_LEN};

struct State {
    /// Steps used since the run began (units of `1 / (ITEMS_PER_STEP * BYTES_PER_STEP)`
    /// would be exact; steps and two remainders are kept instead).
    used: Cell<u64>,
    limit: Cell<u64>,
    item_rest: Cell<u64>,
    byte_rest: Cell<u64>,
    /// The line the run is at, for messages from code that does not know it.
    line: Cell<u32>,
    /// An error raised where it could not be returned (a comparison too deep inside `==`),
    /// with the steps used when it was raised: the run raises it at its next check.
    deferred: Cell<Option<(PyError, u64)>>,
    /// Whether `deferred` holds an error (read on every check instead of moving it out).
    has_deferred: Cell<bool>,
    /// Python frames running above the module level (function calls, generators and
    /// coroutines being run): they share the recursion limit with nested comparisons.
    frames: Cell<usize>,
    /// Where the native stack was when the run began (0: no run on this thread yet).
    stack_base: Cell<usize>,
}

thread_local! {
    static STATE: State = const {
        State {
            used: Cell::new(0),
            limit: Cell::new(u64::MAX),
            item_rest: Cell::new(0),
            byte_rest: Cell::new(0),
            line: Cell::new(0),
            deferred: Cell::new(None),
            has_deferred: Cell::new(false),
            frames: Cell::new(0),
            stack_base: Cell::new(0),
        }
    };
    /// What this thread holds of the heap, counted on every allocation.
    static HEAP: Heap = const {
        Heap {
            held: Cell::new(0),
            peak: Cell::new(0),
        }
    };
}

/// One thread-local for both counters, so an allocation reaches it once.
struct Heap {
    /// Bytes this thread holds (allocated here minus freed here; may dip below zero when
    /// another thread frees what this one allocated).
    held: Cell<isize>,
    /// The most `held` has been since [`reset_peak`].
    peak: Cell<isize>,
}

/// The global allocator: the system's, counting what each thread holds.
pub struct CountingAlloc;

#[inline]
fn held_add(n: isize) {
    // `try_with`: during thread teardown the counters may be gone; then nothing is counted.
    let _ = HEAP.try_with(|h| {
        let now = h.held.get() + n;
        h.held.set(now);
        if n > 0 && now > h.peak.get() {
            h.peak.set(now)
        }
    });
}

// SAFETY: every call is forwarded to `System` unchanged; the counters are thread-locals
// with constant initialisers, which never allocate.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            held_add(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            held_add(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        held_add(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            held_add(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: CountingAlloc = CountingAlloc;

/// Bytes of heap this thread holds now.
pub fn memory_in_use() -> usize {
    HEAP.with(|h| h.held.get().max(0) as usize)
}

/// The most heap this thread has held since the last [`reset_peak`].
pub fn peak_memory() -> usize {
    HEAP.with(|h| h.peak.get().max(0) as usize)
}

/// Starts measuring the peak afresh from what is held now.
pub fn reset_peak() {
    HEAP.with(|h| h.peak.set(h.held.get()));
}

/// Whether this thread holds more than [`MEMORY_LIMIT`].
#[inline]
pub fn over_memory() -> bool {
    HEAP.with(|h| h.held.get()) > MEMORY_LIMIT as isize
}

/// The error for a run that went past the memory ceiling at `line`.
pub fn memory_error(line: u32) -> PyError {
    PyError::Limit {
        what: format!("more than {} MB of memory", MEMORY_LIMIT >> 20),
        line,
    }
}

/// Begins a run with `limit` steps.
pub fn begin(limit: u64) {
    STATE.with(|s| {
        s.used.set(0);
        s.limit.set(limit);
        s.item_rest.set(0);
        s.byte_rest.set(0);
        s.line.set(0);
        s.deferred.set(None);
        s.has_deferred.set(false);
        s.frames.set(0);
    });
}

/// Records how many Python frames run above the module level (the evaluator's call depth).
#[inline]
pub fn set_frames(n: usize) {
    STATE.with(|s| s.frames.set(n));
}

/// Python frames running above the module level.
#[inline]
pub fn frames() -> usize {
    STATE.with(|s| s.frames.get())
}

/// Records where the native stack is as a run begins.
pub fn set_stack_base(base: usize) {
    STATE.with(|s| s.stack_base.set(base));
}

/// Whether recursion outside the evaluator (comparing nested containers) has grown the
/// native stack past what a run may use since it began: the evaluator's own budget and
/// half as much again for the comparison it may start at its deepest.
pub fn stack_exhausted() -> bool {
    let base = STATE.with(|s| s.stack_base.get());
    base != 0 && super::stack::used_since(base) > super::stack::EVAL_BUDGET * 3 / 2
}

/// Raises `error` at the run's next check, from code that cannot return it; until then
/// every charge fails, so the work in progress gives up quickly.
pub fn defer(error: PyError) {
    STATE.with(|s| {
        if let Some(first) = s.deferred.take() {
            s.deferred.set(Some(first));
            return;
        }
        s.deferred.set(Some((error, s.used.get())));
        s.has_deferred.set(true);
        s.used.set(u64::MAX);
    });
}

/// Raises an error [`defer`]red since the last check, if any.
pub fn check_deferred() -> Result<(), PyError> {
    STATE.with(|s| {
        if !s.has_deferred.get() {
            return Ok(());
        }
        take_deferred(s)
    })
}

#[cold]
fn take_deferred(s: &State) -> Result<(), PyError> {
    s.has_deferred.set(false);
    match s.deferred.take() {
        Some((error, used)) => {
            s.used.set(used);
            Err(error)
        }
        None => Ok(()),
    }
}

/// Steps used since the run began.
pub fn used() -> u64 {
    STATE.with(|s| s.used.get())
}

/// Whether the run has used up its steps or the memory ceiling (work that cannot fail
/// checks this and stops early; the run then stops at its next step).
pub fn exhausted() -> bool {
    STATE.with(|s| s.used.get() > s.limit.get()) || over_memory()
}

/// The line the run is at.
pub fn line() -> u32 {
    STATE.with(|s| s.line.get())
}

#[inline]
fn check(s: &State) -> Result<(), PyError> {
    if s.used.get() <= s.limit.get() && !s.has_deferred.get() && !over_memory() {
        return Ok(());
    }
    stop(s)
}

#[cold]
#[inline(never)]
fn stop(s: &State) -> Result<(), PyError> {
    if s.has_deferred.get() {
        return take_deferred(s);
    }
    if s.used.get() > s.limit.get() {
        return Err(PyError::StepLimit {
            limit: s.limit.get(),
            line: s.line.get(),
        });
    }
    if over_memory() {
        return Err(memory_error(s.line.get()));
    }
    Ok(())
}

/// Counts one step at `line` (a statement, a loop iteration, a comprehension item).
#[inline]
pub fn step(line: u32) -> Result<(), PyError> {
    STATE.with(|s| {
        s.line.set(line);
        s.used.set(s.used.get().saturating_add(1));
        check(s)
    })
}

/// Charges `n` whole steps.
#[inline]
pub fn steps(n: u64) -> Result<(), PyError> {
    STATE.with(|s| {
        s.used.set(s.used.get().saturating_add(n));
        check(s)
    })
}

/// Charges the work of `n` items (copied, compared, hashed, visited).
#[inline]
pub fn items(n: usize) -> Result<(), PyError> {
    STATE.with(|s| {
        let total = s.item_rest.get().saturating_add(n as u64);
        s.item_rest.set(total % ITEMS_PER_STEP);
        s.used
            .set(s.used.get().saturating_add(total / ITEMS_PER_STEP));
        check(s)
    })
}

/// Charges the work of `n` bytes (built, scanned, converted).
#[inline]
pub fn bytes(n: usize) -> Result<(), PyError> {
    STATE.with(|s| {
        let total = s.byte_rest.get().saturating_add(n as u64);
        s.byte_rest.set(total % BYTES_PER_STEP);
        s.used
            .set(s.used.get().saturating_add(total / BYTES_PER_STEP));
        check(s)
    })
}

/// Charges `n` items like [`items`] but never fails: for work that cannot return an error.
/// Returns whether the budget is still good.
pub fn items_or_stop(n: usize) -> bool {
    items(n).is_ok()
}

/// Refuses a string or bytes result of `n` bytes before it is built (charges nothing).
pub fn check_len(n: u128) -> Result<(), PyError> {
    if n > MAX_LEN as u128 {
        return Err(crate::python::types::ops::too_long(n));
    }
    Ok(())
}

/// Refuses a container result of `n` items before it is built (charges nothing).
pub fn check_items(n: u128) -> Result<(), PyError> {
    if n > MAX_ITEMS as u128 {
        return Err(crate::python::types::ops::too_many_items(n));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charges_add_up_to_steps_and_stop_past_the_limit() {
        begin(10);
        for _ in 0..10 {
            step(3).unwrap();
        }
        assert!(matches!(
            step(4),
            Err(PyError::StepLimit { limit: 10, line: 4 })
        ));
        begin(10);
        items(15).unwrap();
        assert_eq!(used(), 0);
        items(1).unwrap();
        assert_eq!(used(), 1);
        bytes(512 * 9).unwrap();
        assert_eq!(used(), 10);
        assert!(bytes(512).is_err());
        assert!(exhausted());
        begin(u64::MAX);
    }

    #[test]
    fn the_allocator_counts_what_this_thread_holds() {
        let before = memory_in_use();
        reset_peak();
        let v: Vec<u8> = vec![1; 1 << 20];
        assert!(memory_in_use() >= before + (1 << 20));
        drop(v);
        assert!(memory_in_use() < before + (1 << 20));
        assert!(peak_memory() >= before + (1 << 20));
    }

    #[test]
    fn sizes_are_refused_before_building() {
        begin(u64::MAX);
        assert!(check_len(MAX_LEN as u128 + 1).is_err());
        assert!(check_items(MAX_ITEMS as u128 + 1).is_err());
        assert!(check_items(10).is_ok());
    }
}

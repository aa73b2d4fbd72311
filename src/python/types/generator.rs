//! Generator objects: what calling a function with `yield` (or evaluating a generator
//! expression) makes. The body runs in steps, up to each `yield`, as the generator is
//! iterated; `eval::gen` holds the resumable execution, this file the object.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use crate::python::eval::gen::Level;
use crate::python::eval::Frame;
use crate::python::types::{NativeObject, Value};
use crate::python::PyException;

/// A suspended generator: its frame and where each block it is inside stopped.
pub(crate) struct Suspended {
    pub(crate) frame: Frame,
    pub(crate) levels: Vec<Level>,
    /// Whether it has run at all (a just-started generator only accepts `send(None)`).
    pub(crate) started: bool,
}

pub(crate) enum GenState {
    Suspended(Box<Suspended>),
    Running,
    Done,
}

/// A generator object (`type(g).__name__ == 'generator'`).
pub struct Generator {
    pub(crate) qualname: Rc<str>,
    pub(crate) state: RefCell<GenState>,
}

impl Generator {
    pub(crate) fn new(qualname: Rc<str>, frame: Frame) -> Self {
        Generator {
            qualname,
            state: RefCell::new(GenState::Suspended(Box::new(Suspended {
                frame,
                levels: Vec::new(),
                started: false,
            }))),
        }
    }
}

thread_local! {
    /// Generators freed while suspended inside a `try` or `with`: CPython closes them when
    /// their last reference goes, so their `finally` blocks and `__exit__`s run then. The
    /// evaluator runs them at its next statement or right after the call that freed them
    /// (`eval::gen::Exec::finalize_generators`).
    static FREED: RefCell<VecDeque<Box<Suspended>>> = const { RefCell::new(VecDeque::new()) };
    /// Whether `FREED` holds any (read on every statement).
    static PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Whether freed generators wait for their cleanup.
#[inline]
pub(crate) fn finalizers_pending() -> bool {
    PENDING.with(|p| p.get())
}

/// The freed generators to close, in the order they were freed.
pub(crate) fn take_freed() -> VecDeque<Box<Suspended>> {
    let all = FREED.with(|q| std::mem::take(&mut *q.borrow_mut()));
    PENDING.with(|p| p.set(false));
    all
}

/// The generators an exception's traceback keeps alive: those suspended inside
/// `try`/`with` in the local variables of the frames the exception left (CPython keeps
/// those frames in the traceback), and what the exceptions it was raised while handling
/// keep (its `__context__`). When the last copy of the exception goes, they are closed,
/// its own first.
#[derive(Default)]
pub struct Held {
    gens: RefCell<VecDeque<Box<Suspended>>>,
    context: RefCell<Vec<Rc<Held>>>,
}

impl std::fmt::Debug for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Held({})", self.gens.borrow().len())
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let gens = std::mem::take(self.gens.get_mut());
        if !gens.is_empty() {
            let _ = FREED.try_with(|q| q.borrow_mut().extend(gens));
            let _ = PENDING.try_with(|p| p.set(true));
        }
    }
}

/// Moves the generators freed so far (the locals of a frame an exception is leaving) into
/// what the exception keeps alive.
pub(crate) fn hold_freed(e: &mut PyException) {
    let freed = take_freed();
    if freed.is_empty() {
        return;
    }
    let held = e.held.get_or_insert_with(|| Rc::new(Held::default()));
    held.gens.borrow_mut().extend(freed);
}

/// `new` was raised while `old` was being handled: what `old` keeps alive lives as long
/// as `new` (CPython's `__context__`).
pub(crate) fn chain_context(new: &mut PyException, old: &PyException) {
    let Some(old_held) = &old.held else {
        return;
    };
    if new.held.as_ref().is_some_and(|h| Rc::ptr_eq(h, old_held)) {
        return;
    }
    let held = new.held.get_or_insert_with(|| Rc::new(Held::default()));
    held.context.borrow_mut().push(old_held.clone());
}

/// Forgets the freed generators without running their cleanup (a run that stops).
pub(crate) fn discard_freed() {
    let all = FREED.with(|q| std::mem::take(&mut *q.borrow_mut()));
    PENDING.with(|p| p.set(false));
    drop(all);
}

impl Drop for Generator {
    fn drop(&mut self) {
        let state = std::mem::replace(self.state.get_mut(), GenState::Done);
        if let GenState::Suspended(sus) = state {
            if sus.started && crate::python::eval::gen::needs_cleanup(&sus.levels) {
                let _ = FREED.try_with(|q| q.borrow_mut().push_back(sus));
                let _ = PENDING.try_with(|p| p.set(true));
            }
        }
    }
}

impl NativeObject for Generator {
    fn type_name(&self) -> &str {
        "generator"
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "send" | "close" | "throw" | "__next__" | "__iter__")
    }

    fn get_attr(&self, name: &str) -> Result<Value, PyException> {
        match name {
            "__qualname__" => Ok(Value::Str(self.qualname.clone())),
            "__name__" => Ok(Value::str(
                self.qualname.rsplit('.').next().unwrap_or(&self.qualname),
            )),
            "gi_running" => Ok(Value::Bool(matches!(
                *self.state.borrow(),
                GenState::Running
            ))),
            _ => Err(PyException::attribute_error("generator", name)),
        }
    }

    fn repr(&self) -> String {
        let addr = self as *const Self as *const () as usize;
        format!("<generator object {} at {:#x}>", self.qualname, addr)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

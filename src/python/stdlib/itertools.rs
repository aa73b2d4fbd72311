//! The `itertools` module: `count`, `repeat`, `cycle`, `chain` (and `chain.from_iterable`),
//! `islice`, `groupby`, `zip_longest`, `accumulate`, `starmap`, `takewhile`, `dropwhile`,
//! `filterfalse`, `compress`, `pairwise`, `product`, `permutations`, `combinations` and
//! `combinations_with_replacement`. Each is a lazy iterator the evaluator drives (like
//! `map`): an item is computed when it is asked for, and every item costs a step, so an
//! endless `count()` stops at the step limit. The argument checks and their messages, and
//! the order in which items are drawn from the iterables, follow CPython 3.11's C code.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use num_traits::ToPrimitive;

use crate::python::builtins::Kwargs;
use crate::python::eval::{Exec, Interpreter, ValueIter};
use crate::python::syntax::ast::BinOp;
use crate::python::text::repr::repr;
use crate::python::types::ops::{exc, type_error};
use crate::python::types::{NativeObject, PyType, Value};
use crate::python::PyError;

/// Which combinatoric iterator a [`State::Comb`] is.
#[derive(Clone, Copy, PartialEq)]
enum Comb {
    Product,
    Permutations,
    Combinations,
    WithReplacement,
}

enum State {
    Count {
        n: Value,
        step: Value,
    },
    Repeat {
        value: Value,
        /// Times left (`None`: forever).
        left: Option<usize>,
    },
    Cycle {
        it: Option<ValueIter>,
        saved: Vec<Value>,
        pos: usize,
    },
    Chain {
        sources: ValueIter,
        current: Option<ValueIter>,
    },
    Islice {
        it: ValueIter,
        next: usize,
        stop: Option<usize>,
        step: usize,
        count: usize,
    },
    GroupBy {
        it: ValueIter,
        key: Value,
        tgtkey: Option<Value>,
        currkey: Option<Value>,
        currvalue: Option<Value>,
        /// Which grouper is current (the others have ended).
        grouper: u64,
    },
    Grouper {
        parent: Rc<dyn NativeObject>,
        tgtkey: Value,
        id: u64,
    },
    ZipLongest {
        iters: Vec<Option<ValueIter>>,
        active: usize,
        fill: Value,
    },
    Accumulate {
        it: ValueIter,
        func: Value,
        total: Option<Value>,
        initial: Option<Value>,
    },
    StarMap {
        func: Value,
        it: ValueIter,
    },
    TakeWhile {
        pred: Value,
        it: ValueIter,
    },
    DropWhile {
        pred: Value,
        it: ValueIter,
        dropping: bool,
    },
    FilterFalse {
        pred: Value,
        it: ValueIter,
    },
    Compress {
        data: ValueIter,
        selectors: ValueIter,
    },
    Pairwise {
        it: ValueIter,
        old: Option<Value>,
    },
    Comb {
        kind: Comb,
        pools: Vec<Vec<Value>>,
        r: usize,
        indices: Vec<usize>,
        cycles: Vec<usize>,
        first: bool,
    },
    /// Computing an item now.
    Running,
    Done,
}

/// An itertools iterator.
pub(crate) struct ItIter {
    kind: &'static str,
    state: RefCell<State>,
}

impl NativeObject for ItIter {
    fn type_name(&self) -> &str {
        self.kind
    }

    fn qualified_name(&self) -> String {
        format!("itertools.{}", self.kind)
    }

    fn error_name(&self) -> &str {
        self.kind
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "__next__" | "__iter__")
    }

    fn repr(&self) -> String {
        match &*self.state.borrow() {
            State::Count { n, step } => {
                if matches!(step, Value::Int(s) if *s == 1.into()) {
                    format!("count({})", repr(n))
                } else {
                    format!("count({}, {})", repr(n), repr(step))
                }
            }
            State::Repeat { value, left } => match left {
                Some(k) => format!("repeat({}, {k})", repr(value)),
                None => format!("repeat({})", repr(value)),
            },
            _ => {
                let addr = self as *const Self as *const () as usize;
                format!("<itertools.{} object at {:#x}>", self.kind, addr)
            }
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn new(kind: &'static str, state: State) -> Value {
    Value::Native(Rc::new(ItIter {
        kind,
        state: RefCell::new(state),
    }))
}

/// The classes of the module (each a type, as in CPython).
const CLASSES: &[&str] = &[
    "count",
    "repeat",
    "cycle",
    "chain",
    "islice",
    "groupby",
    "zip_longest",
    "accumulate",
    "starmap",
    "takewhile",
    "dropwhile",
    "filterfalse",
    "compress",
    "pairwise",
    "product",
    "permutations",
    "combinations",
    "combinations_with_replacement",
];

pub(crate) fn install(it: &mut Interpreter) {
    let members = CLASSES
        .iter()
        .map(|name| {
            (
                *name,
                Value::Type(PyType::Other {
                    name: Rc::from(*name),
                    qualified: Rc::from(format!("itertools.{name}").as_str()),
                    native: None,
                }),
            )
        })
        .collect();
    it.modules
        .insert("itertools".into(), super::module("itertools", members));
}

/// What CPython's `itertools` has that the simulator does not.
pub(crate) fn unimplemented(name: &str) -> bool {
    matches!(name, "tee" | "_grouper" | "_tee" | "_tee_dataobject")
}

pub(crate) fn is_class(qualified: &str) -> bool {
    qualified
        .strip_prefix("itertools.")
        .is_some_and(|n| CLASSES.contains(&n))
}

/// `itertools.chain.from_iterable`.
pub(crate) fn class_attr(qualified: &str, name: &str) -> Option<Value> {
    if qualified == "itertools.chain" && name == "from_iterable" {
        return Some(super::function("itertools", "from_iterable", |ex, a| {
            a.no_kwargs("chain.from_iterable")?;
            if a.args.len() != 1 {
                return Err(type_error(format!(
                    "chain.from_iterable() takes exactly one argument ({} given)",
                    a.args.len()
                )));
            }
            let sources = ex.start_iter(a.args[0].clone())?;
            Ok(new(
                "chain",
                State::Chain {
                    sources,
                    current: None,
                },
            ))
        }));
    }
    None
}

fn no_kwargs(name: &str, kwargs: &Kwargs) -> Result<(), PyError> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("{name}() takes no keyword arguments")))
    }
}

/// Takes the keyword arguments `names` (in order), refusing any other.
fn keywords(func: &str, kwargs: Kwargs, names: &[&str]) -> Result<Vec<Option<Value>>, PyError> {
    let mut out = vec![None; names.len()];
    for (k, v) in kwargs {
        match names.iter().position(|n| **n == *k) {
            Some(i) => out[i] = Some(v),
            None => {
                return Err(type_error(format!(
                    "{func}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    Ok(out)
}

fn exactly(func: &str, args: &[Value], n: usize) -> Result<(), PyError> {
    if args.len() != n {
        return Err(type_error(format!(
            "{func} expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(())
}

/// An index argument as CPython's `PyNumber_AsSsize_t` reads it (`None` when it is not an
/// int that fits).
fn ssize(v: &Value) -> Option<i64> {
    match v {
        Value::Int(n) => n.to_i64(),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

fn is_number(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Bool(_) | Value::Float(_) | Value::Decimal(_)
    )
}

/// Calls an itertools class.
pub(crate) fn construct(
    ex: &mut Exec<'_>,
    qualified: &str,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyError> {
    let kind = CLASSES
        .iter()
        .copied()
        .find(|n| qualified.strip_prefix("itertools.") == Some(*n))
        .unwrap_or("chain");
    match kind {
        "count" => {
            let kw = keywords("count", kwargs, &["start", "step"])?;
            if args.len() > 2 {
                return Err(type_error(format!(
                    "count() takes at most 2 arguments ({} given)",
                    args.len()
                )));
            }
            let start = args
                .first()
                .cloned()
                .or(kw[0].clone())
                .unwrap_or(Value::int(0));
            let step = args
                .get(1)
                .cloned()
                .or(kw[1].clone())
                .unwrap_or(Value::int(1));
            if !is_number(&start) || !is_number(&step) {
                return Err(type_error("a number is required"));
            }
            Ok(new("count", State::Count { n: start, step }))
        }
        "repeat" => {
            let kw = keywords("repeat", kwargs, &["object", "times"])?;
            let mut all: Vec<Option<Value>> = args.into_iter().map(Some).collect();
            if all.len() > 2 {
                return Err(type_error(format!(
                    "repeat() takes at most 2 arguments ({} given)",
                    all.len()
                )));
            }
            all.resize(2, None);
            for (i, v) in kw.into_iter().enumerate() {
                if let Some(v) = v {
                    if all[i].is_some() {
                        return Err(type_error(format!(
                            "argument for repeat() given by name ('{}') and position ({})",
                            ["object", "times"][i],
                            i + 1
                        )));
                    }
                    all[i] = Some(v);
                }
            }
            let Some(value) = all[0].take() else {
                return Err(type_error(
                    "repeat() missing required argument 'object' (pos 1)",
                ));
            };
            let left = match all[1].take() {
                None => None,
                Some(t) => match t {
                    Value::Int(n) => Some(n.to_i64().unwrap_or(i64::MAX).max(0) as usize),
                    Value::Bool(b) => Some(b as usize),
                    other => {
                        return Err(type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.error_type_name()
                        )))
                    }
                },
            };
            Ok(new("repeat", State::Repeat { value, left }))
        }
        "cycle" => {
            no_kwargs("cycle", &kwargs)?;
            exactly("cycle", &args, 1)?;
            let it = ex.start_iter(args[0].clone())?;
            Ok(new(
                "cycle",
                State::Cycle {
                    it: Some(it),
                    saved: Vec::new(),
                    pos: 0,
                },
            ))
        }
        "chain" => {
            no_kwargs("chain", &kwargs)?;
            Ok(new(
                "chain",
                State::Chain {
                    sources: ValueIter::Values(args.into_iter()),
                    current: None,
                },
            ))
        }
        "islice" => islice(ex, args, kwargs),
        "groupby" => {
            let mut kw = keywords("groupby", kwargs, &["iterable", "key"])?;
            if args.len() > 2 {
                return Err(type_error(format!(
                    "groupby() takes at most 2 arguments ({} given)",
                    args.len()
                )));
            }
            let mut args = args.into_iter();
            let iterable = match (args.next(), kw[0].take()) {
                (Some(v), _) | (None, Some(v)) => v,
                (None, None) => {
                    return Err(type_error(
                        "groupby() missing required argument 'iterable' (pos 1)",
                    ))
                }
            };
            let key = args.next().or(kw[1].take()).unwrap_or(Value::None);
            let it = ex.start_iter(iterable)?;
            Ok(new(
                "groupby",
                State::GroupBy {
                    it,
                    key,
                    tgtkey: None,
                    currkey: None,
                    currvalue: None,
                    grouper: 0,
                },
            ))
        }
        "zip_longest" => {
            let mut fill = Value::None;
            for (k, v) in kwargs {
                if &*k != "fillvalue" {
                    return Err(type_error(
                        "zip_longest() got an unexpected keyword argument",
                    ));
                }
                fill = v;
            }
            let mut iters = Vec::with_capacity(args.len());
            for a in args {
                iters.push(Some(ex.start_iter(a)?));
            }
            let active = iters.len();
            Ok(new(
                "zip_longest",
                State::ZipLongest {
                    iters,
                    active,
                    fill,
                },
            ))
        }
        "accumulate" => {
            let mut kw = keywords("accumulate", kwargs, &["iterable", "func", "initial"])?;
            if args.len() > 2 {
                return Err(type_error(format!(
                    "accumulate() takes at most 2 arguments ({} given)",
                    args.len()
                )));
            }
            let mut args = args.into_iter();
            let iterable = match (args.next(), kw[0].take()) {
                (Some(v), _) | (None, Some(v)) => v,
                (None, None) => {
                    return Err(type_error(
                        "accumulate() missing required argument 'iterable' (pos 1)",
                    ))
                }
            };
            let func = args.next().or(kw[1].take()).unwrap_or(Value::None);
            let initial = kw[2].take().filter(|v| !v.is_none());
            let it = ex.start_iter(iterable)?;
            Ok(new(
                "accumulate",
                State::Accumulate {
                    it,
                    func,
                    total: None,
                    initial,
                },
            ))
        }
        "starmap" | "takewhile" | "dropwhile" | "filterfalse" | "compress" => {
            no_kwargs(kind, &kwargs)?;
            exactly(kind, &args, 2)?;
            let mut args = args.into_iter();
            let (first, second) = (
                args.next().unwrap_or(Value::None),
                args.next().unwrap_or(Value::None),
            );
            if kind == "compress" {
                let data = ex.start_iter(first)?;
                let selectors = ex.start_iter(second)?;
                return Ok(new("compress", State::Compress { data, selectors }));
            }
            let it = ex.start_iter(second)?;
            Ok(new(
                kind,
                match kind {
                    "starmap" => State::StarMap { func: first, it },
                    "takewhile" => State::TakeWhile { pred: first, it },
                    "dropwhile" => State::DropWhile {
                        pred: first,
                        it,
                        dropping: true,
                    },
                    _ => State::FilterFalse { pred: first, it },
                },
            ))
        }
        "pairwise" => {
            no_kwargs("pairwise", &kwargs)?;
            exactly("pairwise", &args, 1)?;
            let it = ex.start_iter(args[0].clone())?;
            Ok(new("pairwise", State::Pairwise { it, old: None }))
        }
        _ => combinatoric(ex, kind, args, kwargs),
    }
}

fn islice(ex: &mut Exec<'_>, args: Vec<Value>, kwargs: Kwargs) -> Result<Value, PyError> {
    no_kwargs("islice", &kwargs)?;
    if args.len() < 2 {
        return Err(type_error(format!(
            "islice expected at least 2 arguments, got {}",
            args.len()
        )));
    }
    if args.len() > 4 {
        return Err(type_error(format!(
            "islice expected at most 4 arguments, got {}",
            args.len()
        )));
    }
    const STOP: &str =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    const INDICES: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let (mut start, mut step) = (0i64, 1i64);
    let read_stop = |v: &Value| -> Result<i64, PyError> {
        if v.is_none() {
            return Ok(-1);
        }
        match ssize(v) {
            Some(-1) | None => Err(exc("ValueError", STOP)),
            Some(n) => Ok(n),
        }
    };
    let stop = if args.len() == 2 {
        read_stop(&args[1])?
    } else {
        if !args[1].is_none() {
            start = ssize(&args[1]).unwrap_or(-1);
        }
        read_stop(&args[2])?
    };
    if start < 0 || stop < -1 {
        return Err(exc("ValueError", INDICES));
    }
    if let Some(s) = args.get(3) {
        if !s.is_none() {
            step = ssize(s).unwrap_or(-1);
        }
    }
    if step < 1 {
        return Err(exc(
            "ValueError",
            "Step for islice() must be a positive integer or None.",
        ));
    }
    let it = ex.start_iter(args[0].clone())?;
    Ok(new(
        "islice",
        State::Islice {
            it,
            next: start as usize,
            stop: if stop == -1 {
                None
            } else {
                Some(stop as usize)
            },
            step: step as usize,
            count: 0,
        },
    ))
}

fn combinatoric(
    ex: &mut Exec<'_>,
    kind: &'static str,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, PyError> {
    let r_arg = |v: Option<Value>, func: &str| -> Result<Option<usize>, PyError> {
        match v {
            None | Some(Value::None) if func == "permutations" => Ok(None),
            None => Err(type_error(format!(
                "{func}() missing required argument 'r' (pos 2)"
            ))),
            Some(v @ (Value::Int(_) | Value::Bool(_))) => match ssize(&v) {
                Some(n) if n < 0 => Err(exc("ValueError", "r must be non-negative")),
                Some(n) => Ok(Some(n as usize)),
                None => Err(exc(
                    "OverflowError",
                    "Python int too large to convert to C ssize_t",
                )),
            },
            Some(_) => Err(type_error("Expected int as r")),
        }
    };
    let (comb, pools, r) = match kind {
        "product" => {
            let kw = keywords("product", kwargs, &["repeat"])?;
            let repeat = match kw.into_iter().next().flatten() {
                None => 1,
                Some(v @ (Value::Int(_) | Value::Bool(_))) => match ssize(&v) {
                    Some(n) if n < 0 => {
                        return Err(exc("ValueError", "repeat argument cannot be negative"))
                    }
                    Some(n) => n as usize,
                    None => {
                        return Err(exc(
                            "OverflowError",
                            "Python int too large to convert to C ssize_t",
                        ))
                    }
                },
                Some(other) => {
                    return Err(type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        other.error_type_name()
                    )))
                }
            };
            let mut base = Vec::with_capacity(args.len());
            for a in &args {
                base.push(ex.iterate_all(a)?);
            }
            let total = base.len().saturating_mul(repeat);
            crate::python::eval::budget::check_items(total as u128)?;
            let mut pools = Vec::with_capacity(total);
            for _ in 0..repeat {
                for p in &base {
                    ex.charge(p.len())?;
                    pools.push(p.clone());
                }
            }
            let r = pools.len();
            (Comb::Product, pools, r)
        }
        _ => {
            let names: &[&str] = &["iterable", "r"];
            let mut kw = keywords(kind, kwargs, names)?;
            if args.len() > 2 {
                return Err(type_error(format!(
                    "{kind}() takes at most 2 arguments ({} given)",
                    args.len()
                )));
            }
            let mut args = args.into_iter();
            let iterable = match (args.next(), kw[0].take()) {
                (Some(v), _) | (None, Some(v)) => v,
                (None, None) => {
                    return Err(type_error(format!(
                        "{kind}() missing required argument 'iterable' (pos 1)"
                    )))
                }
            };
            let r = args.next().or(kw[1].take());
            let pool = ex.iterate_all(&iterable)?;
            let r = r_arg(r, kind)?.unwrap_or(pool.len());
            let comb = match kind {
                "permutations" => Comb::Permutations,
                "combinations" => Comb::Combinations,
                _ => Comb::WithReplacement,
            };
            (comb, vec![pool], r)
        }
    };
    let n = pools.first().map_or(0, |p| p.len());
    let (indices, cycles) = match comb {
        Comb::Product => (vec![0; pools.len()], Vec::new()),
        Comb::Permutations => (
            (0..n).collect(),
            (0..r.min(n)).map(|i| n - i).collect::<Vec<_>>(),
        ),
        Comb::Combinations => ((0..r).collect(), Vec::new()),
        Comb::WithReplacement => (vec![0; r], Vec::new()),
    };
    let empty = match comb {
        Comb::Product => pools.iter().any(|p| p.is_empty()),
        Comb::Permutations | Comb::Combinations => r > n,
        Comb::WithReplacement => n == 0 && r > 0,
    };
    Ok(new(
        kind,
        if empty {
            State::Done
        } else {
            State::Comb {
                kind: comb,
                pools,
                r,
                indices,
                cycles,
                first: true,
            }
        },
    ))
}

/// A `chain` over these items (what `Counter.elements()` returns).
pub(crate) fn chain_of(items: Vec<Value>) -> Value {
    new(
        "chain",
        State::Chain {
            sources: ValueIter::Values(vec![Value::list(items)].into_iter()),
            current: None,
        },
    )
}

/// Whether a native object is one of these iterators.
pub(crate) fn is_driven(obj: &dyn Any) -> bool {
    obj.is::<ItIter>()
}

/// The next item of an itertools iterator (`None` when `obj` is not one).
pub(crate) fn next_of(
    ex: &mut Exec<'_>,
    obj: &Rc<dyn NativeObject>,
) -> Option<Result<Option<Value>, PyError>> {
    let it = obj.as_any().downcast_ref::<ItIter>()?;
    let r = next_item(ex, it);
    if it.kind != "groupby" {
        return Some(r);
    }
    // The state machine gives the key and the grouper's id; the grouper reads the parent.
    Some(r.map(|item| {
        item.map(|pair| match &pair {
            Value::Tuple(kv) if kv.len() == 2 => {
                let id = kv[1].as_i64().unwrap_or(0) as u64;
                let grouper = new(
                    "_grouper",
                    State::Grouper {
                        parent: obj.clone(),
                        tgtkey: kv[0].clone(),
                        id,
                    },
                );
                Value::tuple(vec![kv[0].clone(), grouper])
            }
            _ => pair,
        })
    }))
}

fn next_item(ex: &mut Exec<'_>, it: &ItIter) -> Result<Option<Value>, PyError> {
    let mut state = std::mem::replace(&mut *it.state.borrow_mut(), State::Running);
    let r = advance(ex, &mut state);
    *it.state.borrow_mut() = match (&r, state) {
        (_, State::Running) => State::Running,
        (Ok(None), State::Grouper { .. }) => State::Done,
        (Ok(None), State::Count { .. } | State::Repeat { .. }) => State::Done,
        (Ok(None), State::GroupBy { .. }) => State::Done,
        (_, s) => s,
    };
    r
}

/// The groupby step: the next value of the underlying iterator and its key.
fn group_step(
    ex: &mut Exec<'_>,
    it: &mut ValueIter,
    key: &Value,
    currkey: &mut Option<Value>,
    currvalue: &mut Option<Value>,
) -> Result<bool, PyError> {
    let Some(v) = ex.next_item(it)? else {
        return Ok(false);
    };
    let k = if key.is_none() {
        v.clone()
    } else {
        ex.call_value(key, vec![v.clone()], Vec::new())?
    };
    *currvalue = Some(v);
    *currkey = Some(k);
    Ok(true)
}

fn advance(ex: &mut Exec<'_>, state: &mut State) -> Result<Option<Value>, PyError> {
    ex.step(ex.it.line)?;
    match state {
        State::Running => Err(PyError::Unsupported {
            what: "an itertools iterator used while it computes its item".into(),
            line: 0,
        }),
        State::Done => Ok(None),
        State::Count { n, step } => {
            let out = n.clone();
            *n = ex.binary(BinOp::Add, n, step)?;
            Ok(Some(out))
        }
        State::Repeat { value, left } => match left {
            Some(0) => Ok(None),
            Some(k) => {
                *k -= 1;
                Ok(Some(value.clone()))
            }
            None => Ok(Some(value.clone())),
        },
        State::Cycle { it, saved, pos } => {
            if let Some(src) = it {
                match ex.next_item(src)? {
                    Some(v) => {
                        crate::python::eval::budget::check_items(saved.len() as u128 + 1)?;
                        saved.push(v.clone());
                        return Ok(Some(v));
                    }
                    None => *it = None,
                }
            }
            if saved.is_empty() {
                return Ok(None);
            }
            let v = saved[*pos % saved.len()].clone();
            *pos = (*pos + 1) % saved.len();
            Ok(Some(v))
        }
        State::Chain { sources, current } => loop {
            if let Some(cur) = current {
                if let Some(v) = ex.next_item(cur)? {
                    return Ok(Some(v));
                }
                *current = None;
            }
            let Some(next) = ex.next_item(sources)? else {
                return Ok(None);
            };
            ex.step(ex.it.line)?;
            *current = Some(ex.start_iter(next)?);
        },
        State::Islice {
            it,
            next,
            stop,
            step,
            count,
        } => {
            let finish = |stop: &mut Option<usize>, next: &mut usize, count: &mut usize| {
                // An exhausted islice stays exhausted.
                *stop = Some(0);
                *next = 0;
                *count = 0;
            };
            while *count < *next {
                ex.step(ex.it.line)?;
                if ex.next_item(it)?.is_none() {
                    finish(stop, next, count);
                    return Ok(None);
                }
                *count += 1;
            }
            if let Some(s) = *stop {
                if *count >= s {
                    finish(stop, next, count);
                    return Ok(None);
                }
            }
            let Some(item) = ex.next_item(it)? else {
                finish(stop, next, count);
                return Ok(None);
            };
            *count += 1;
            let old = *next;
            *next = next.saturating_add(*step);
            if let Some(s) = *stop {
                if *next < old || *next > s {
                    *next = s;
                }
            }
            Ok(Some(item))
        }
        State::GroupBy {
            it,
            key,
            tgtkey,
            currkey,
            currvalue,
            grouper,
        } => {
            *grouper += 1;
            loop {
                match (&*currkey, &*tgtkey) {
                    (None, _) => {}
                    (Some(_), None) => break,
                    (Some(c), Some(t)) => {
                        let (t, c) = (t.clone(), c.clone());
                        // `PyObject_RichCompareBool`: identity first, then `==` (a user
                        // `__eq__` also inside tuples).
                        if !(t.identity_eq(&c) || ex.values_equal(&t, &c, 0)?) {
                            break;
                        }
                    }
                }
                ex.step(ex.it.line)?;
                if !group_step(ex, it, key, currkey, currvalue)? {
                    return Ok(None);
                }
            }
            *tgtkey = currkey.clone();
            // The grouper is made by the caller, which knows this object (see `next_group`).
            Ok(Some(Value::tuple(vec![
                currkey.clone().unwrap_or(Value::None),
                Value::int(*grouper as i64),
            ])))
        }
        State::Grouper { parent, tgtkey, id } => {
            let parent = parent.clone();
            let Some(parent) = parent.as_any().downcast_ref::<ItIter>() else {
                return Ok(None);
            };
            let mut pstate = std::mem::replace(&mut *parent.state.borrow_mut(), State::Running);
            let r = (|| -> Result<Option<Value>, PyError> {
                let State::GroupBy {
                    it,
                    key,
                    currkey,
                    currvalue,
                    grouper,
                    ..
                } = &mut pstate
                else {
                    return Ok(None);
                };
                if *grouper != *id {
                    return Ok(None);
                }
                if currvalue.is_none() && !group_step(ex, it, key, currkey, currvalue)? {
                    return Ok(None);
                }
                let c = currkey.clone().unwrap_or(Value::None);
                if !(tgtkey.identity_eq(&c) || ex.values_equal(tgtkey, &c, 0)?) {
                    return Ok(None);
                }
                Ok(currvalue.take())
            })();
            *parent.state.borrow_mut() = pstate;
            r
        }
        State::ZipLongest {
            iters,
            active,
            fill,
        } => {
            if iters.is_empty() || *active == 0 {
                return Ok(None);
            }
            let mut items = Vec::with_capacity(iters.len());
            for slot in iters.iter_mut() {
                let v = match slot {
                    None => fill.clone(),
                    Some(src) => match ex.next_item(src)? {
                        Some(v) => v,
                        None => {
                            *slot = None;
                            *active -= 1;
                            if *active == 0 {
                                return Ok(None);
                            }
                            fill.clone()
                        }
                    },
                };
                items.push(v);
            }
            Ok(Some(Value::tuple(items)))
        }
        State::Accumulate {
            it,
            func,
            total,
            initial,
        } => {
            if let Some(init) = initial.take() {
                *total = Some(init.clone());
                return Ok(Some(init));
            }
            let Some(v) = ex.next_item(it)? else {
                return Ok(None);
            };
            let new_total = match total.take() {
                None => v,
                Some(t) => {
                    if func.is_none() {
                        ex.binary(BinOp::Add, &t, &v)?
                    } else {
                        let f = func.clone();
                        ex.call_value(&f, vec![t, v], Vec::new())?
                    }
                }
            };
            *total = Some(new_total.clone());
            Ok(Some(new_total))
        }
        State::StarMap { func, it } => {
            let Some(args) = ex.next_item(it)? else {
                return Ok(None);
            };
            let args = ex.iterate_all(&args)?;
            let f = func.clone();
            Ok(Some(ex.call_value(&f, args, Vec::new())?))
        }
        State::TakeWhile { pred, it } => {
            let Some(v) = ex.next_item(it)? else {
                return Ok(None);
            };
            let p = pred.clone();
            let r = ex.call_value(&p, vec![v.clone()], Vec::new())?;
            if ex.truthy(&r)? {
                Ok(Some(v))
            } else {
                *state = State::Done;
                Ok(None)
            }
        }
        State::DropWhile { pred, it, dropping } => loop {
            let Some(v) = ex.next_item(it)? else {
                return Ok(None);
            };
            if !*dropping {
                return Ok(Some(v));
            }
            let p = pred.clone();
            let r = ex.call_value(&p, vec![v.clone()], Vec::new())?;
            if !ex.truthy(&r)? {
                *dropping = false;
                return Ok(Some(v));
            }
            ex.step(ex.it.line)?;
        },
        State::FilterFalse { pred, it } => loop {
            let Some(v) = ex.next_item(it)? else {
                return Ok(None);
            };
            let keep = if pred.is_none() {
                !ex.truthy(&v)?
            } else {
                let p = pred.clone();
                let r = ex.call_value(&p, vec![v.clone()], Vec::new())?;
                !ex.truthy(&r)?
            };
            if keep {
                return Ok(Some(v));
            }
            ex.step(ex.it.line)?;
        },
        State::Compress { data, selectors } => loop {
            let Some(d) = ex.next_item(data)? else {
                return Ok(None);
            };
            let Some(s) = ex.next_item(selectors)? else {
                return Ok(None);
            };
            if ex.truthy(&s)? {
                return Ok(Some(d));
            }
            ex.step(ex.it.line)?;
        },
        State::Pairwise { it, old } => {
            if old.is_none() {
                match ex.next_item(it)? {
                    Some(v) => *old = Some(v),
                    None => {
                        *state = State::Done;
                        return Ok(None);
                    }
                }
            }
            let Some(new) = ex.next_item(it)? else {
                *state = State::Done;
                return Ok(None);
            };
            let first = old.replace(new.clone()).unwrap_or(Value::None);
            Ok(Some(Value::tuple(vec![first, new])))
        }
        State::Comb {
            kind,
            pools,
            r,
            indices,
            cycles,
            first,
        } => {
            let r = *r;
            let pick = |pools: &[Vec<Value>], indices: &[usize]| -> Value {
                match kind {
                    Comb::Product => Value::tuple(
                        indices
                            .iter()
                            .enumerate()
                            .map(|(p, &i)| pools[p][i].clone())
                            .collect(),
                    ),
                    _ => Value::tuple(indices[..r].iter().map(|&i| pools[0][i].clone()).collect()),
                }
            };
            ex.charge(r)?;
            if *first {
                *first = false;
                return Ok(Some(pick(pools, indices)));
            }
            let n = pools.first().map_or(0, |p| p.len());
            let advanced = match kind {
                Comb::Product => {
                    let mut done = true;
                    for i in (0..indices.len()).rev() {
                        indices[i] += 1;
                        if indices[i] < pools[i].len() {
                            done = false;
                            break;
                        }
                        indices[i] = 0;
                    }
                    !done
                }
                Comb::Permutations => {
                    let mut found = false;
                    if n > 0 {
                        for i in (0..r).rev() {
                            cycles[i] -= 1;
                            if cycles[i] == 0 {
                                let moved = indices.remove(i);
                                indices.push(moved);
                                cycles[i] = n - i;
                            } else {
                                let j = cycles[i];
                                let len = indices.len();
                                indices.swap(i, len - j);
                                found = true;
                                break;
                            }
                        }
                    }
                    found
                }
                Comb::Combinations => match (0..r).rev().find(|&i| indices[i] != i + n - r) {
                    None => false,
                    Some(i) => {
                        indices[i] += 1;
                        for j in i + 1..r {
                            indices[j] = indices[j - 1] + 1;
                        }
                        true
                    }
                },
                Comb::WithReplacement => match (0..r).rev().find(|&i| indices[i] != n - 1) {
                    None => false,
                    Some(i) => {
                        let v = indices[i] + 1;
                        for x in indices[i..].iter_mut() {
                            *x = v;
                        }
                        true
                    }
                },
            };
            if !advanced {
                *state = State::Done;
                return Ok(None);
            }
            Ok(Some(pick(pools, indices)))
        }
    }
}

/// `it.__next__()` and `it.__iter__()` called as methods.
pub(crate) fn call_method(
    ex: &mut Exec<'_>,
    obj: &Rc<dyn NativeObject>,
    name: &str,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Option<Result<Value, PyError>> {
    let it = obj.as_any().downcast_ref::<ItIter>()?;
    let kind = it.kind;
    Some((|| {
        no_kwargs(&format!("{kind}.{name}"), &kwargs)?;
        if !args.is_empty() {
            return Err(type_error(format!(
                "expected 0 arguments, got {}",
                args.len()
            )));
        }
        match name {
            "__iter__" => Ok(Value::Native(obj.clone())),
            _ => match next_of(ex, obj) {
                Some(Ok(Some(v))) => Ok(v),
                Some(Ok(None)) | None => Err(exc("StopIteration", "")),
                Some(Err(e)) => Err(e),
            },
        }
    })())
}

#[cfg(test)]
mod tests {
    use crate::python::{parse_module, Interpreter, PyError};

    fn stops(src: &str) {
        let mut it = Interpreter::new(10_000);
        let r = parse_module(src).and_then(|m| it.load(&m));
        assert!(matches!(r, Err(PyError::StepLimit { .. })), "{src}: {r:?}");
    }

    #[test]
    fn endless_iterators_stop_at_the_step_limit() {
        stops("import itertools\nfor x in itertools.count():\n    pass");
        stops("import itertools\nlist(itertools.count())");
        stops("import itertools\nsum(itertools.repeat(1))");
        stops("import itertools\nnext(itertools.dropwhile(lambda x: True, itertools.count()))");
        stops("import itertools\nlist(itertools.islice(itertools.count(), 10**9, None))");
        stops("import itertools\nx = list(itertools.product(range(50), repeat=5))");
        stops("import itertools\nfor k, g in itertools.groupby(itertools.cycle('ab')):\n    pass");
    }
}

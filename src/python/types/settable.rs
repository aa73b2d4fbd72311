//! The layout of CPython 3.11's set table (setobject.c), kept beside a set's elements: which
//! slot each element sits in, the deleted slots ("dummies"), when the table grows and how
//! it is rebuilt. A set iterates in slot order, as CPython's does, so `{3, 1, 2}` prints as
//! `{1, 2, 3}` and `{8, 0}` as `{0, 8}`. The layout is CPython's only while every element's
//! hash is CPython's (`exact`); a set holding a str (whose CPython hash changes from run to
//! run) iterates in insertion order instead.

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;
const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// The slots a lookup of `hash` visits in a table of `mask + 1` slots, in order, until
/// `visit` returns `false`.
pub(crate) fn probe(mask: usize, hash: u64, mut visit: impl FnMut(usize) -> bool) {
    let mut perturb = hash;
    let mut i = (hash as usize) & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in 0..=probes {
            if !visit(i + j) {
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

#[derive(Clone, Debug)]
pub(crate) struct SetTable {
    /// Each slot: `EMPTY`, `DUMMY` or the index of an entry of the set's dict.
    slots: Vec<u32>,
    /// By entry index: the slot it sits in and its hash (`EMPTY` once removed).
    entries: Vec<(u32, u64)>,
    fill: usize,
    used: usize,
    /// Where `pop` starts looking.
    finger: usize,
    /// Whether every element added since the table was last emptied has CPython's hash.
    pub(crate) exact: bool,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable {
            slots: vec![EMPTY; MIN_SIZE],
            entries: Vec::new(),
            fill: 0,
            used: 0,
            finger: 0,
            exact: true,
        }
    }
}

impl SetTable {
    pub(crate) fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    pub(crate) fn fill(&self) -> usize {
        self.fill
    }

    pub(crate) fn has_dummies(&self) -> bool {
        self.fill != self.used
    }

    /// Keeps the pop finger of the table this one replaces (`set_swap_bodies`).
    pub(crate) fn keep_finger(&mut self, old: &SetTable) {
        self.finger = old.finger;
    }

    /// Empties the table (the pop finger stays, as CPython's does).
    pub(crate) fn clear(&mut self) {
        let finger = self.finger;
        *self = SetTable::default();
        self.finger = finger;
    }

    /// Entry `idx` (just appended to the dict) with hash `h` is added: CPython's
    /// `set_add_entry` for a key not in the set (the last dummy met before an empty slot
    /// is reused).
    pub(crate) fn add(&mut self, idx: usize, h: u64, exact: bool) {
        self.exact &= exact;
        let mask = self.mask();
        let mut free = None;
        let mut found = 0;
        let slots = &self.slots;
        probe(mask, h, |i| match slots[i] {
            EMPTY => {
                found = i;
                false
            }
            DUMMY => {
                free = Some(i);
                true
            }
            _ => true,
        });
        self.entries.resize(idx + 1, (EMPTY, 0));
        self.used += 1;
        if let Some(i) = free {
            self.slots[i] = idx as u32;
            self.entries[idx] = (i as u32, h);
            return;
        }
        self.slots[found] = idx as u32;
        self.entries[idx] = (found as u32, h);
        self.fill += 1;
        if self.fill * 5 >= mask * 3 {
            self.resize(self.grown_size());
        }
    }

    /// The `minused` CPython grows a table to after an insertion or a deletion pass.
    pub(crate) fn grown_size(&self) -> usize {
        if self.used > 50_000 {
            self.used * 2
        } else {
            self.used * 4
        }
    }

    /// Entry `idx` is removed: its slot becomes a dummy.
    pub(crate) fn discard(&mut self, idx: usize) {
        if let Some(e) = self.entries.get_mut(idx) {
            if e.0 != EMPTY {
                self.slots[e.0 as usize] = DUMMY;
                e.0 = EMPTY;
                self.used -= 1;
            }
        }
    }

    /// Places entry `idx` in the first empty slot of its probe sequence (`set_insert_clean`).
    fn insert_clean(slots: &mut [u32], idx: u32, h: u64) -> u32 {
        let mask = slots.len() - 1;
        let mut found = 0;
        probe(mask, h, |i| {
            if slots[i] == EMPTY {
                found = i;
                false
            } else {
                true
            }
        });
        slots[found] = idx;
        found as u32
    }

    /// `set_table_resize`: a table of the smallest size above `minused`, the elements
    /// inserted again in slot order (dummies dropped).
    pub(crate) fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        if size == MIN_SIZE && self.slots.len() == MIN_SIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        for idx in old.into_iter().filter(|&s| s < DUMMY) {
            let h = self.entries[idx as usize].1;
            let slot = Self::insert_clean(&mut self.slots, idx, h);
            self.entries[idx as usize].0 = slot;
        }
        self.fill = self.used;
    }

    /// Entry `idx` with hash `h` goes into the clean slot of a table being filled by a
    /// merge into an empty set (no resize check, as `set_merge`).
    pub(crate) fn add_clean(&mut self, idx: usize, h: u64, exact: bool) {
        self.exact &= exact;
        self.entries.resize(idx + 1, (EMPTY, 0));
        let slot = Self::insert_clean(&mut self.slots, idx as u32, h);
        self.entries[idx] = (slot, h);
        self.fill += 1;
        self.used += 1;
    }

    /// Takes the layout of `other` slot for slot (`set_merge` into an empty set of the same
    /// size when `other` has no dummies). The copies become entries `base`, `base + 1`, …
    /// in `other`'s slot order.
    pub(crate) fn copy_slots(&mut self, other: &SetTable, base: usize) {
        self.exact &= other.exact;
        self.slots = vec![EMPTY; other.slots.len()];
        self.entries.resize(base, (EMPTY, 0));
        let mut next = base as u32;
        for (i, &s) in other.slots.iter().enumerate() {
            if s < DUMMY {
                self.slots[i] = next;
                self.entries.push((i as u32, other.entries[s as usize].1));
                next += 1;
            }
        }
        self.fill = other.used;
        self.used = other.used;
    }

    /// The entry indices in slot order.
    pub(crate) fn order(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots
            .iter()
            .filter(|&&s| s < DUMMY)
            .map(|&s| s as usize)
    }

    /// The entry `pop` takes (from the finger on, wrapping), and moves the finger past it.
    pub(crate) fn pop_entry(&mut self) -> Option<usize> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        while self.slots[i] >= DUMMY {
            i = if i == mask { 0 } else { i + 1 };
        }
        self.finger = i + 1;
        Some(self.slots[i] as usize)
    }

    /// The entry indices changed (the dict was compacted): `map[old]` is the new index of a
    /// live entry.
    pub(crate) fn renumber(&mut self, map: &[u32]) {
        let mut entries = vec![(EMPTY, 0); self.used];
        for (old, &(slot, h)) in self.entries.iter().enumerate() {
            if slot != EMPTY {
                let new = map[old];
                self.slots[slot as usize] = new;
                entries[new as usize] = (slot, h);
            }
        }
        self.entries = entries;
    }

    /// The slots of the entries whose hash is `h`, in the order a lookup meets them.
    pub(crate) fn probe_order(&self, h: u64) -> Vec<usize> {
        let mut met = Vec::new();
        let slots = &self.slots;
        let entries = &self.entries;
        probe(self.mask(), h, |i| match slots[i] {
            EMPTY => false,
            DUMMY => true,
            idx => {
                if entries[idx as usize].1 == h {
                    met.push(idx as usize);
                }
                true
            }
        });
        met
    }
}

# CPython's compiler keeps one constant for equal constant frozensets in a module: the second
# display below is merged from the first one's frozenset, so it prints in the first's order.
print({8, 0, 16})
print({16, 8, 0})

values = [1, 2, 3]
total = sum(
    v
    for v in values
) + len(
    None
)

x = None
print(
    "start",
    x.attr,
)

data = {"k": [1, 2]}
total = (
    data["k"][0]
    + data["k"][5]
)

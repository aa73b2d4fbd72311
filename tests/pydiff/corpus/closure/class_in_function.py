# A class made inside a function: its body and its methods see the function's variables.
def make_model(table, fields, default=0):
    label = table.title()

    class Model:
        name = label
        columns = list(fields)
        size = len(fields) + default

        def __init__(self, **values):
            self.values = {f: values.get(f, default) for f in fields}

        def describe(self):
            return f"{label}({', '.join(f'{k}={v}' for k, v in self.values.items())})"

        @classmethod
        def table_name(cls):
            return table

        class Meta:
            db_table = table + "_tbl"

            def ordering(self):
                return sorted(fields)

    return Model


User = make_model("user", ["name", "age"])
print(User.name, User.columns, User.size, User.table_name(), User.Meta.db_table)
print(User(name="al").describe(), User.Meta().ordering())


def counter_class():
    count = 0

    class Counter:
        def bump(self):
            nonlocal count
            count += 1
            return count

    return Counter, lambda: count


C, peek = counter_class()
c = C()
print(c.bump(), c.bump(), peek())


def shadow():
    x = "outer"

    class A:
        x = "class"
        y = x

        def get(self):
            return x

    return A.x, A.y, A().get()


print(shadow())


def late():
    class B:
        def get(self):
            return value

    value = "bound later"
    return B().get()


print(late())


def unbound():
    class B:
        def get(self):
            return value

    b = B().get()
    value = 1
    return b


unbound()

import json
from collections import Counter
class Paginator:
    def __init__(self, items, per_page):
        if per_page <= 0:
            raise ValueError("per_page must be positive")
        self.items = list(items)
        self.per_page = per_page
    @property
    def num_pages(self):
        return max(1, -(-len(self.items) // self.per_page))
    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise ValueError("That page number is not an integer") from None
        if number < 1:
            raise ValueError("That page number is less than 1")
        if number > self.num_pages:
            raise ValueError("That page contains no results")
        start = (number - 1) * self.per_page
        return Page(self.items[start:start + self.per_page], number, self)
class Page:
    def __init__(self, object_list, number, paginator):
        self.object_list, self.number, self.paginator = object_list, number, paginator
    def has_next(self):
        return self.number < self.paginator.num_pages
    def has_previous(self):
        return self.number > 1
    def __repr__(self):
        return f"<Page {self.number} of {self.paginator.num_pages}>"
    def __len__(self):
        return len(self.object_list)
    def __iter__(self):
        yield from self.object_list
p = Paginator(range(1, 24), 5)
print(p.num_pages, p.page(1), list(p.page(5)), p.page("2").has_next(), p.page(5).has_next(), len(p.page(5)))
for bad in ["x", 0, 9, None]:
    try:
        p.page(bad)
    except ValueError as e:
        print(repr(e), e.__suppress_context__, e.__cause__)
try:
    Paginator([], 0)
except ValueError as e:
    print(e)
votes = Counter({"red": 3, "blue": 5, "green": 5})
winners = [c for c, n in votes.items() if n == max(votes.values())]
print(winners, votes.most_common(), json.dumps(votes), sorted(votes, key=votes.get, reverse=True))
report = "\n".join(f"{i:>2}. {name:<6}{count:>3} {'#' * count}" for i, (name, count) in enumerate(sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])), 1))
print(report)
p.page(99)

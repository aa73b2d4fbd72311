import json
from datetime import datetime, timedelta
from collections import defaultdict
from functools import wraps

POSTS = [
    {"id": 1, "title": "Hello World", "author": "ann", "tags": ["intro", "news"], "views": 120, "created": "2024-01-05T10:00:00"},
    {"id": 2, "title": "Django Tips", "author": "bob", "tags": ["django"], "views": 300, "created": "2024-02-10T08:30:00"},
    {"id": 3, "title": "Python 3.11", "author": "ann", "tags": ["python", "news"], "views": 95, "created": "2024-03-01T12:15:00"},
]

class Http404(Exception):
    pass

class JsonResponse:
    def __init__(self, data, status=200):
        self.content = json.dumps(data, default=str)
        self.status_code = status
    def __repr__(self):
        return f"<JsonResponse status_code={self.status_code}, {len(self.content)} bytes>"

def login_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.get("user"):
            return JsonResponse({"error": "login required"}, status=401)
        return view(request, *args, **kwargs)
    return wrapper

def get_object_or_404(items, **lookup):
    for item in items:
        if all(item.get(k) == v for k, v in lookup.items()):
            return item
    raise Http404(f"No post matches {lookup}")

@login_required
def post_list(request):
    q = request.get("GET", {}).get("q", "").lower()
    page = int(request.get("GET", {}).get("page", 1))
    posts = [p for p in POSTS if q in p["title"].lower()] if q else POSTS[:]
    posts.sort(key=lambda p: (-p["views"], p["title"]))
    per_page = 2
    start = (page - 1) * per_page
    data = {
        "results": [{"id": p["id"], "title": p["title"]} for p in posts[start:start + per_page]],
        "count": len(posts),
        "next": page + 1 if start + per_page < len(posts) else None,
    }
    return JsonResponse(data)

def post_detail(request, pk):
    try:
        post = get_object_or_404(POSTS, id=pk)
    except Http404 as e:
        return JsonResponse({"detail": str(e)}, status=404)
    created = datetime.fromisoformat(post["created"])
    age = datetime(2024, 3, 15) - created
    return JsonResponse({**post, "age_days": age.days, "created": created.strftime("%b %d, %Y")})

def stats(request):
    by_author = defaultdict(lambda: {"posts": 0, "views": 0})
    tags = defaultdict(set)
    for p in POSTS:
        a = by_author[p["author"]]
        a["posts"] += 1
        a["views"] += p["views"]
        for t in p["tags"]:
            tags[t].add(p["id"])
    avg = sum(p["views"] for p in POSTS) / len(POSTS)
    top = max(POSTS, key=lambda p: p["views"])
    return {
        "authors": dict(sorted(by_author.items())),
        "tags": {t: sorted(ids) for t, ids in sorted(tags.items(), key=lambda kv: (-len(kv[1]), kv[0]))},
        "average": f"{avg:.1f}",
        "top": top["title"],
        "months": sorted({datetime.fromisoformat(p["created"]).strftime("%Y-%m") for p in POSTS}),
    }

r = post_list({"user": "ann", "GET": {"page": "1"}})
print(r, r.content)
print(post_list({"user": "ann", "GET": {"q": "o", "page": "2"}}).content)
print(post_list({}).content, post_list.__name__)
print(post_detail({}, 2).content)
print(post_detail({}, 9).content, post_detail({}, 9).status_code)
print(json.dumps(stats({}), indent=2))
form = {"email": " Ann@Example.COM ", "age": "17", "name": ""}
errors = {}
cleaned = {}
for field, value in form.items():
    value = value.strip()
    if not value:
        errors.setdefault(field, []).append("This field is required.")
        continue
    if field == "email":
        if "@" not in value:
            errors[field] = ["Enter a valid email address."]
        cleaned[field] = value.lower()
    elif field == "age":
        try:
            age = int(value)
            if age < 18:
                raise ValueError(f"Ensure this value is greater than or equal to 18 (got {age}).")
            cleaned[field] = age
        except ValueError as e:
            errors[field] = [str(e)]
print(cleaned, errors, bool(errors))
slug = "-".join("".join(ch for ch in w if ch.isalnum()) for w in "Hello, World! It's   2024".lower().split())
print(slug)
print(int(request_page) if (request_page := "3").isdigit() else 1)

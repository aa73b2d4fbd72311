from typing import Optional, Dict, Any

def view(request: Dict[str, Any], page: Optional[int] = None) -> Dict[str, Any]:
    return {"page": page}

print(view({}), view.__annotations__["return"])

class Form:
    name: str = ""
    count: int

print(Form.__annotations__, Form.name)
try:
    print(Form.count)
except AttributeError as e:
    print(e)

def later():
    total: int = 0
    for i in range(3):
        total += i
    return total

print(later(), later.__annotations__)
try:
    class Broken:
        ok: int = 1
        bad: Missing = 2
except NameError as e:
    print(e)
print(
    "before the def"
)
def handler(
    request,
    user: UnknownUser,
):
    pass

class AppError(Exception):
    "Base of the app's errors."
class OutOfStock(AppError):
    pass
def buy(n):
    if n > 3:
        raise OutOfStock(f"only 3 left, asked {n}")
    return n
try:
    buy(5)
except AppError as e:
    print(type(e).__name__, e, isinstance(e, Exception))
print(buy(2))
buy(4)

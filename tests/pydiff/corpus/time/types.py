import time
t = time.time()
print(type(t).__name__, t > 1_000_000_000, type(time.time_ns()).__name__, type(time.monotonic()).__name__, type(time.perf_counter_ns()).__name__)
start = time.perf_counter()
elapsed = time.perf_counter() - start
print(elapsed >= 0, elapsed < 60)
print(abs(time.time_ns() // 1_000_000_000 - int(time.time())) <= 1)

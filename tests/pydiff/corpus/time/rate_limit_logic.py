import time
window = 60
hits = [time.time() - 70, time.time() - 30, time.time() - 5]
recent = [h for h in hits if time.time() - h < window]
print(len(recent), len(recent) < 5)

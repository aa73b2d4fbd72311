s = 'hello'
out = ''
for ch in s:
    out += {'l': 'L', 'o': '0'}.get(ch, ch)
print(out)

# int() and float() of digits of other scripts and of Unicode spaces.
for t in ['١٢٣', '\u3000١٢\u2003', '߁߂', '१०', '๓.๕', '٣_٤', '\U0001d7d9', '+٣', '-\u0663', '\x1c5',
          '\x855', '²', '½', 'Ⅻ', '٥x', 'x٥', '1\u00a0', '١e٣', '٠x١٠', '\u200b1']:
    for conv in (int, float):
        try:
            print(repr(t), conv.__name__, conv(t))
        except ValueError as e:
            print(repr(t), conv.__name__, 'ValueError', e)
print(int('١٠', 16), int('٧', 8), int('٠b١', 0) if False else int('١١', 2))
try:
    int('٠x١٠', 0)
except ValueError as e:
    print(e)

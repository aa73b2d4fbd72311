# The predicates on letters, digits and spaces of many scripts, and on characters Unicode
# assigned after 14.0.0 (unassigned for CPython 3.11).
samples = ['Ⅻ', 'ⅻ', 'ǅ', 'ʰ', 'ª', '々', '〇', '一', '٣', '߀', '१', '௰', '⑴', '①', '²', '½',
           '\u00a0', '\u2007', '\u200b', '\u3000', '\x1c', '\x85', '\u180e', '\u2028', '\ufeff',
           '\u0378', '\U0001fae8', '\U0001f600', '\U00011f50', '\U0001e4f0', '\u0c5d', '\U00031350',
           '\U000323af', '\U0002b739', '\u00ad', '\u0345', 'ͅ', 'ᵃ', 'ℌ', 'ℹ', 'Ⓐ', '🄰', '\U0001d7ce',
           '_', 'a1', 'ǅa', '·', 'ℕ', '℘', '゛', '\U000e0001', '\U000f0000', '\ue000']
for ch in samples:
    print(repr(ch), ascii(ch), ch.isalpha(), ch.isdecimal(), ch.isdigit(), ch.isnumeric(),
          ch.isalnum(), ch.isspace(), ch.isprintable(), ch.isidentifier(), ch.islower(),
          ch.isupper(), ch.istitle(), ('a' + ch).isidentifier())
print('\u00a0x y\u3000z\x1c1'.split(), 'a\x1fb'.split(), '\u2028a b\x85'.strip())
print('Ⅻ Ⅸ'.istitle(), 'ⅻ'.islower(), 'ǅungla Ǆ'.istitle(), 'A ǅ'.istitle(), ''.isprintable())

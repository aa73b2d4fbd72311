# Full case mappings, titlecase digraphs and the final sigma.
words = ['ß', 'ŉ', 'ﬁ', 'ﬃ', 'İ', 'ǰ', 'ΐ', 'ᾳ', 'ᾼ', 'ǅ', 'ǈ', 'ǋ', 'ǲ', 'Ǆ', 'ǉ', 'ʼn', 'ẞ',
         'ΑΣ', 'ΑΣ Σ', 'ΑΣ.', "ΑΣ'Α", 'ΟΔΟΣ ΟΔΟΣ', 'Σ', 'ΑΣΑ', 'A\u0301Σ', 'ꭰ', 'Ꭰ', 'ⓐ', 'Ⓐ',
         '\U00010400', '\U0001e900', 'ᲀ', 'Ა', 'ა', 'ǆungla ǈubljana', 'dž', 'ǳ']
for w in words:
    print(repr(w), repr(w.upper()), repr(w.lower()), repr(w.title()), repr(w.capitalize()),
          repr(w.swapcase()), repr(w.casefold()))
print('ǅ'.istitle(), 'ǅa'.istitle(), 'Ǆa'.istitle(), 'ǅ'.isupper(), 'ǅ'.islower())
print('Straße'.upper().lower(), 'ΣΑΣ'.lower(), 'σας'.upper(), 'ﬀ'.title(), 'ﬀ'.capitalize())
print('ǌ'.title(), 'Ǌ'.capitalize(), 'ǋ'.swapcase(), 'ǋ'.casefold())

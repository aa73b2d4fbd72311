# Every code point (but the surrogates, which the simulator's str cannot hold), block by
# block: one digest a block of what each str method says of each character. Run by CPython
# 3.11 (record.sh) and by the interpreter (cargo test --test pydiff unicode_every_code_point).
import hashlib

PREDICATES = [str.isalpha, str.isdecimal, str.isdigit, str.isnumeric, str.isalnum,
              str.isspace, str.isprintable, str.isidentifier, str.islower, str.isupper,
              str.istitle]
MAPPINGS = [str.lower, str.upper, str.title, str.casefold, str.swapcase, str.capitalize,
            repr, ascii]


def digest(parts):
    return hashlib.md5('\x00'.join(parts).encode('utf-8')).hexdigest()[:12]


def number(ch):
    try:
        return str(int(ch)) + str(float(ch + '.5'))
    except ValueError:
        return '-'


BLOCKS = range(0, 0x110000, 256)
for block in BLOCKS:
    if 0xD800 <= block < 0xE000:
        continue
    chars = [chr(c) for c in range(block, block + 256)]
    parts = [''.join(filter(p, chars)) for p in PREDICATES]
    parts += [''.join(map(m, chars)) for m in MAPPINGS]
    # Identifier characters after the first; where a final sigma is seen around each.
    parts.append(''.join(ch for ch in chars if ('a' + ch).isidentifier()))
    parts.append(''.join(('A' + ch + '\u03a3').lower()[-1] for ch in chars))
    parts.append(''.join(('A\u03a3' + ch + '1').lower()[1] for ch in chars))
    parts += [number(ch) for ch in chars if ch.isdecimal() or ch.isspace()]
    print('%06x' % block, digest(parts))

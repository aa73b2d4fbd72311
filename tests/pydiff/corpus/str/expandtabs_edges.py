# expandtabs: columns, tab sizes, line starts, and the argument errors.
texts = ['a\tb', 'ab\tc', '\t', '', 'abcdefgh\tx', 'abcdefg\tx', 'a\tb\tc', 'a\nb\tc',
         'ab\r\tc', 'x\x0b\ty', 'x\x0c\ty', 'x\u2028\ty', 'é\tx', '日本\tx', '\t\t', 'a\t\nb\t']
for t in texts:
    print(repr(t.expandtabs()), repr(t.expandtabs(4)), repr(t.expandtabs(1)),
          repr(t.expandtabs(0)), repr(t.expandtabs(-3)), repr(t.expandtabs(tabsize=3)))
print(repr('a\tb'.expandtabs(True)), repr('a\tb'.expandtabs(False)))
for call in [lambda: 'a'.expandtabs(1, 2), lambda: 'a'.expandtabs('x'),
             lambda: 'a'.expandtabs(tabsize=1.5), lambda: 'a'.expandtabs(size=2),
             lambda: 'a'.expandtabs(2 ** 40), lambda: 'a\tb'.expandtabs(tabsize=3, x=1),
             lambda: 'a'.expandtabs(4, tabsize=4), lambda: 'a'.expandtabs(None)]:
    try:
        print(call())
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)

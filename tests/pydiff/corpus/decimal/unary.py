from decimal import Decimal

for text in ["0.0", "-0.0", "0", "-0", "1.50", "-2.5E+3", "0E-5", "-0E+2"]:
    d = Decimal(text)
    print(text, repr(-d), repr(+d), repr(abs(d)), repr(-(-d)))
print(repr(+Decimal("1.23456789012345678901234567890123")))
print(repr(-Decimal("9.99999999999999999999999999999")))
print(repr(Decimal("-0") - Decimal("0")), repr(Decimal("0") - Decimal("0")), repr(Decimal("-0") + Decimal("-0")))
print(repr(Decimal("5") - Decimal("5")), repr(-Decimal("5") + Decimal("5")))

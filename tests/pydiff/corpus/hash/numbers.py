# hash() of numbers as CPython 3.11 computes it: modulo 2**61 - 1, sign kept, -1 becomes -2;
# equal numbers of different types hash equal.
from decimal import Decimal

print(hash(0), hash(1), hash(-1), hash(-2), hash(2**61 - 2), hash(2**61 - 1), hash(2**61))
print(hash(2**62), hash(-2**61), hash(-2**61 + 1), hash(2**64 + 5), hash(10**30), hash(-10**30))
print(hash(True), hash(False), hash(True) == hash(1))
print(hash(0.5), hash(1.5), hash(-0.5), hash(0.1), hash(1e300), hash(1e-300), hash(5e-324))
print(hash(float('inf')), hash(float('-inf')), hash(-0.0), hash(2.0**70) == hash(2**70))
print(hash(Decimal('1.5')) == hash(1.5), hash(Decimal('0.1')), hash(Decimal(10)), hash(Decimal('-2.25')))
print(hash(Decimal('-0')), hash(Decimal('1e40')) == hash(10**40), hash(Decimal('-1')), hash(Decimal('123.456e-30')))
print(hash(3) == hash(3.0) == hash(Decimal(3)), hash(-1.0), hash(Decimal('-1.0')))

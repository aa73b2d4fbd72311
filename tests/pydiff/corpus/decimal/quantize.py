from decimal import Decimal
price = Decimal('19.999')
print(price.quantize(Decimal('0.01')), Decimal('2.5').quantize(Decimal('1')), Decimal('3.5').quantize(Decimal('1')), Decimal('1.2345').quantize(Decimal('0.001')))

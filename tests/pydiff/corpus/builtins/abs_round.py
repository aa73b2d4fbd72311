print(abs(-3), abs(2.5), abs(-0.0), abs(True), round(7), round(7.456, 1), round(-2.5), round(12345, -2), round(0.1 + 0.2, 10))

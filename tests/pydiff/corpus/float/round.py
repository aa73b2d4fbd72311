print(round(2.675, 2), round(1.5), round(0.5), round(-1.5), round(3.14159, 3), round(1234.5678, -2), round(5.0, 0))

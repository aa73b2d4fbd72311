print((2.5).is_integer(), (3.0).is_integer(), (1.5).conjugate(), (0.5).real, (0.5).imag)

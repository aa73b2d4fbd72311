print((255).bit_length(), (7).bit_count(), (5).conjugate(), (10).real, (10).imag, (6).numerator, (6).denominator)

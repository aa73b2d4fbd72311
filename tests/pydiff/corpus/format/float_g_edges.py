for v in [0.0001, 0.00001, 123456.0, 1234567.0, 1e16, 1.5, 100.0, 0.0, -0.0, float('inf'), float('nan')]:
    print(format(v, 'g'), format(v, '.2g'), format(v, ''), f'{v:.3}', f'{v:e}')

def managed():
    print('open')
    try:
        yield 1
    finally:
        print('close')

attempts = 0
while True:
    attempts += 1
    try:
        if attempts < 3:
            raise ValueError(attempts)
        print('succeeded after', attempts)
        break
    except ValueError as e:
        print('retry', e)

for thing in [{}, [], 0]:
    try:
        thing[1] if thing != 0 else 1 / thing
    except (KeyError, IndexError) as e:
        print('lookup', type(e).__name__, e)
    except ZeroDivisionError as e:
        print('zero', e)

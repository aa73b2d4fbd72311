try:
    try:
        [][1]
    except KeyError:
        print('not here')
    finally:
        print('inner finally')
except IndexError as e:
    print('outer caught', e)

try:
    raise 'text'
except TypeError as e:
    print(e)

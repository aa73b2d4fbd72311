print('a'.__sizeof__())

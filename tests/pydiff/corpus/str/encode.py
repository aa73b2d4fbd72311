print('héllo'.encode(), 'abc'.encode('utf-8'), len('é'.encode()), b'abc'.decode(), 'x'.encode('ascii'))

print('ß'.upper(), 'ﬁ'.upper(), 'İ'.lower(), len('İ'.lower()), 'ŉ'.upper())

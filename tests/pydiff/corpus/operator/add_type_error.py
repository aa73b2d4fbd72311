import operator
operator.add(1, 'a')

print({1, 2} == {2, 1}, {1, 2} != {1}, set('abc') == set('cba'))

print(list('abc'), [c.upper() for c in 'xyz'], 'b' in 'abc', sorted('banana'), set('aab') == {'a', 'b'})

session = {'user': 'ann'}
print(session['cart'])

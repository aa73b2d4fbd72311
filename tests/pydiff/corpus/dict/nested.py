session = {'cart': {'items': [1, 2]}, 'user': {'name': 'ann'}}
session['cart']['items'].append(3)
print(session, session['user']['name'].title())

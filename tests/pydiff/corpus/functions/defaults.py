def greet(name, greeting='Hello', punct='!'):
    return greeting + ', ' + name + punct
print(greet('Ann'), greet('Bob', 'Hi'), greet('Cy', punct='?'), greet(greeting='Yo', name='Di'))

from functools import partial
def greet(greeting, name, punct='!'):
    return f'{greeting}, {name}{punct}'
hello = partial(greet, 'Hello')
print(hello('Ann'), hello('Bob', punct='?'), partial(greet, punct='.')('Hi', 'Cy'), partial(int, base=2)('1010'), partial(max, 5)(3, 9))
twice = partial(greet, 'Hey', punct='!!')
print(twice('Di'), twice('Ed', punct='?'))

def f():
print('body')

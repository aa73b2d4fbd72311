print('start')
f = open('/etc/passwd')

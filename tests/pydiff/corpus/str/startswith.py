s = 'django.contrib.sessions'
print(s.startswith('django'), s.endswith('sessions'), s.startswith(('flask', 'django')), s.endswith('x'), s.startswith('contrib', 7))

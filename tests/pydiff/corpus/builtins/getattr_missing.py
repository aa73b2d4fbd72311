getattr(5, 'nothing')

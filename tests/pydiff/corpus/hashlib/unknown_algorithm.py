import hashlib
hashlib.new('nope')

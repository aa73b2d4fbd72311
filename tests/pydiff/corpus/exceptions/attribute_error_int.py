(5).upper()

print((1).__class__.__subclasses__ is not None)

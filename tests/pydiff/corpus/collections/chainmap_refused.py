from collections import ChainMap
settings = ChainMap({}, {})

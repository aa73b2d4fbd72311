from functools import lru_cache

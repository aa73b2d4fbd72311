# An exception __str__ that calls itself ends in RecursionError, caught or uncaught.
class Loop(Exception):
    def __str__(self):
        return "loop " + str(self)


try:
    str(Loop())
except RecursionError as e:
    print(type(e).__name__)


class Again(Exception):
    def __repr__(self):
        return repr(self)


try:
    print([Again()])
except RecursionError:
    print("repr recursed")
raise Loop()

# An uncaught exception whose __str__ raises: the traceback's last line says so.
class Broken(Exception):
    def __str__(self):
        return 1 / 0


print("before")
raise Broken("x")

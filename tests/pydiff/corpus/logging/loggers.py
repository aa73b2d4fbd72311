import logging

logger = logging.getLogger(__name__)
print(logger, logger.name, logger.level, logger.getEffectiveLevel(), logger.propagate, logger.handlers)
print(logging.getLogger(__name__) is logger, logging.getLogger() is logging.root, logging.getLogger("root") is logging.root)
print(logging.root, logging.getLogger(None), type(logger).__name__, type(logging.root).__name__)
print(logging.DEBUG, logging.INFO, logging.WARNING, logging.WARN, logging.ERROR, logging.CRITICAL, logging.FATAL, logging.NOTSET)
print(logging.getLevelName(20), logging.getLevelName(25), logging.getLevelName("ERROR"), logging.getLevelName("nope"))

def view(cart):
    logger.debug("cart has %d items", len(cart))
    logger.info("cart %s", cart)
    logger.warning("cart is large: %d", len(cart))
    logger.error("bad format %d", "not a number")
    try:
        {}["missing"]
    except KeyError:
        logger.exception("lookup failed for %r", "missing")
    logger.critical("done", extra={"user": "bo"}, stack_info=False)
    logger.log(logging.INFO, "level %s", "info")
    return len(cart)

print(view([1, 2, 3]))
print(logger.isEnabledFor(logging.DEBUG), logger.isEnabledFor(logging.ERROR))
child = logger.getChild("cart")
print(child, child.name, child.getEffectiveLevel())
logger.setLevel(logging.DEBUG)
print(logger, child.getEffectiveLevel(), logger.isEnabledFor(10), child.isEnabledFor(10))
logger.setLevel("ERROR")
print(logger.level, logger.getEffectiveLevel(), logging.getLogger(__name__ + ".cart") is child)

for call in [
    lambda: logger.info(),
    lambda: logger.error("x", foo=1),
    lambda: logger.info("x", foo=1),
    lambda: logger.error("x", extra={"msg": 1}),
    lambda: logger.error("x", extra={"message": 1}),
    lambda: logger.log("INFO", "x"),
    lambda: logger.log(logging.ERROR),
    lambda: logger.setLevel("LOUD"),
    lambda: logger.setLevel(2.5),
    lambda: logging.getLogger(3),
    lambda: logging.info(),
    lambda: logging.log(10),
]:
    try:
        print(call())
    except (TypeError, KeyError, ValueError) as e:
        print(type(e).__name__, e)

logging.disable(logging.ERROR)
print(logger.isEnabledFor(logging.ERROR), logger.isEnabledFor(logging.CRITICAL))
logging.disable(logging.NOTSET)
print(logger.isEnabledFor(logging.ERROR), logging.root.hasHandlers())
logging.warning("to the root, which gets a handler")
print(logging.root.hasHandlers(), logger.hasHandlers())
logging.basicConfig(level=logging.DEBUG)
print(logging.root.level, logging.root)
logging.basicConfig(level=logging.DEBUG, force=True)
print(logging.root.level, logging.root)

from operator import itemgetter
get = itemgetter('missing')
get({'present': 1})

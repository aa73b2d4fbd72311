items = [1, 2]
value = (items
         .pop(7))

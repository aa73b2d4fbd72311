print("they're bill's friends".title(), 'hello_world'.title(), '3rd place'.title())

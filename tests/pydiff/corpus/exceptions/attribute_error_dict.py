{}.append(1)

if True:
	x = 1
	if x:
		print("tabs only are fine", x)
print("done")

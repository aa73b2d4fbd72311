print(pow(3,-1,7), pow(3,-2,7), pow(3,-1,-7), pow(-3,-1,7), pow(2, -1, 1), pow(5, -3, 1000003))
try:
  pow(2,-1,4)
except ValueError as e:
  print(e)

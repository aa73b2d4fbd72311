from random import gauss

import string
t = string.Template("$x")

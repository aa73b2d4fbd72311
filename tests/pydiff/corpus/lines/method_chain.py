class C:
    def m(self):
        raise KeyError("m")
obj = C()
text = "a,b"
parts = (text
         .split(",")
         .index("z"))

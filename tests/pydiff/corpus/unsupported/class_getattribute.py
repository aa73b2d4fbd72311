class Always:
    def __getattribute__(self, name):
        return 'always'


print(Always().x)

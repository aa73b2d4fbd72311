match = [1, 2, 3]
print(match[0])
case = "c"
print(case)

def match_it(match):
    return match * 2

print(match_it(4))
match.append(4)
print(match)

class case:
    match = 1

print(case.match)
_ = 5
match _:
    case 5:
        print("matched on a variable called _")

match (match):
    case [1, 2, 3, 4]:
        print("parenthesized subject")

match -len(match):
    case -4:
        print("negative subject")
x = [match, case]
print(len(x))

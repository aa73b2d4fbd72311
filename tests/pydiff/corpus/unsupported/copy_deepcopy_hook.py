import copy


class Node:
    def __deepcopy__(self, memo):
        return Node()


print(copy.copy(Node()) is not None)
copy.deepcopy(Node())

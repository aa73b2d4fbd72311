import uuid
print(uuid.uuid1())

print(ord('A'), ord('é'), chr(97), chr(8364), ord('\n'))

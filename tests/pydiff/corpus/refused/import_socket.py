print('before')
import socket

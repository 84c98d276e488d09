#!/usr/bin/env python3
"""Prints the first port of a block of N consecutive free loopback TCP ports."""
import random
import socket
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
for _ in range(200):
    base = random.randint(20000, 60000 - n)
    sockets = []
    try:
        for p in range(base, base + n):
            s = socket.socket()
            s.bind(("127.0.0.1", p))
            sockets.append(s)
        print(base)
        sys.exit(0)
    except OSError:
        pass
    finally:
        for s in sockets:
            s.close()
sys.exit("no block of free ports found")

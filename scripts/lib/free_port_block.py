#!/usr/bin/env python3
"""Prints the first port of a block of N consecutive free loopback TCP ports.

free_port_block.py [N [SHIFT]]: with SHIFT, the block N ports from base+SHIFT
must be free too (the bench's services put their health ports 100 above).
"""
import random
import socket
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
shift = int(sys.argv[2]) if len(sys.argv) > 2 else None
for _ in range(200):
    base = random.randint(20000, 60000 - n - (shift or 0))
    ports = list(range(base, base + n))
    if shift is not None:
        ports += range(base + shift, base + shift + n)
    sockets = []
    try:
        for p in ports:
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

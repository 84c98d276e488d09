"""A thin Python client of the Engage mesh.

It adds nothing to the generated stubs but what every caller needs: a channel to the gateway (plaintext or TLS)
that sends the caller's bearer token with every call, and the reading of the mesh's error details (the standard
google.rpc.Status in the `grpc-status-details-bin` trailer: BadRequest, ErrorInfo, RetryInfo).

The stubs are generated, not shipped: `tools/node_modules/.bin/buf generate -o build` writes them to
build/gen/python (buf.gen.yaml), which must be on the import path beside this package:

    PYTHONPATH=build/gen/python:clients/python python3 clients/python/examples/invite_by_qr.py
"""

from engage_client.channel import Mesh, connect
from engage_client.errors import error_details, rpc_status_of

__all__ = ["Mesh", "connect", "error_details", "rpc_status_of"]

"""The mesh's error details, read the standard way.

Every error the mesh returns carries a google.rpc.Status in the `grpc-status-details-bin` trailer, its details
typed google.rpc.BadRequest (the fields at fault), google.rpc.ErrorInfo (a reason, often the rule id such as
"CON-03") and google.rpc.RetryInfo (when to retry). grpcio-status's rpc_status.from_call is the standard Python
helper; Debian 12 does not package it, so when it is missing rpc_status_of does what it does, with the google.rpc
messages generated from clients/python/protos (the same names googleapis-common-protos ships).
"""

from google.rpc import error_details_pb2, status_pb2

try:  # pragma: no cover - taken when grpcio-status is installed
    from grpc_status import rpc_status as _grpc_status
except ImportError:
    _grpc_status = None

_DETAILS_KEY = "grpc-status-details-bin"
KNOWN_DETAILS = (error_details_pb2.BadRequest, error_details_pb2.ErrorInfo, error_details_pb2.RetryInfo)


def rpc_status_of(call):
    """The google.rpc.Status of a failed call (a grpc.RpcError from a stub), or None when it has none.

    Raises ValueError when the trailer disagrees with the call's code or message, as grpcio-status does.
    """
    if _grpc_status is not None:
        return _grpc_status.from_call(call)
    metadata = call.trailing_metadata()
    if metadata is None:
        return None
    for key, value in metadata:
        if key == _DETAILS_KEY:
            status = status_pb2.Status.FromString(value)
            if call.code().value[0] != status.code:
                raise ValueError(f"code in the status proto ({status.code}) != the call's ({call.code()})")
            if call.details() != status.message:
                raise ValueError(f"message in the status proto ({status.message!r}) != the call's ({call.details()!r})")
            return status
    return None


def error_details(call):
    """The details of a failed call, unpacked: a list holding google.rpc.BadRequest, ErrorInfo and RetryInfo
    messages (a detail of another type stays a google.protobuf.Any). Empty when the call carries none."""
    status = rpc_status_of(call)
    if status is None:
        return []
    unpacked = []
    for any_detail in status.details:
        for cls in KNOWN_DETAILS:
            if any_detail.Is(cls.DESCRIPTOR):
                message = cls()
                any_detail.Unpack(message)
                unpacked.append(message)
                break
        else:
            unpacked.append(any_detail)
    return unpacked

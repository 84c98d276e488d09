#!/usr/bin/python3
"""The Engage mesh from Python: an admin creates a field user, the field user invites by QR code, an HCP signs up
and accepts, and the field user reads the HCP's card, now in full; then two refusals whose google.rpc error details
(BadRequest, ErrorInfo) are read with the standard helper.

With scripts/up.sh running, from the repository root:

    tools/node_modules/.bin/buf generate -o build        # the stubs, into build/gen/python
    export ENGAGE_JWT_HS256_SECRET=engage-local-development-secret-not-for-production
    PYTHONPATH=build/gen/python:clients/python python3 clients/python/examples/invite_by_qr.py

Options: --gateway HOST:PORT (127.0.0.1:50050), --tenant (verteo), --mint (build/bin/engage-mint-token, which signs
the example's tokens with ENGAGE_JWT_HS256_SECRET; production tokens come from your identity provider),
--ca-file PEM (TLS). Safe to run again: the user and the sign-up are idempotent, each run makes a new invite.
Exits 1 with a line saying what was wrong when the mesh does not answer as the rules say.
"""

import argparse
import subprocess
import sys

import grpc

from engage.connection.v1 import connection_pb2
from engage.profile.v1 import profile_pb2
from google.rpc import error_details_pb2

import engage_client


class Mismatch(Exception):
    """The mesh answered otherwise than the rules say."""


def expect(condition, what):
    if not condition:
        raise Mismatch(what)


def mint(tool, role, tenant, subject, email=None):
    args = [tool, "--role", role, "--tenant", tenant, "--subject", subject]
    if email:
        args += ["--email", email, "--email-verified", "true"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()


def refused(call, request):
    """The grpc.RpcError of a call that must fail."""
    try:
        call(request)
    except grpc.RpcError as e:
        return e
    raise Mismatch(f"{request.DESCRIPTOR.name} succeeded where it must fail")


def run(args):
    as_admin = engage_client.connect(args.gateway, mint(args.mint, "ADMIN", args.tenant, "alice.adams"), args.ca_file)

    # 1. An admin creates a field user (request_id makes it idempotent).
    user = as_admin.profile.CreateFieldUser(profile_pb2.CreateFieldUserRequest(
        request_id="python-example-sam.rivera", subject="sam.rivera", first_name="Sam", last_name="Rivera",
        email="sam.rivera@verteo.example", country="US", user_type=profile_pb2.USER_TYPE_FIELD_USER))
    print(f"field user sam.rivera: profile {user.profile_id}")

    # 2. The field user invites by QR code: the link carries the token, the PNG and SVG the same link.
    as_sam = engage_client.connect(args.gateway, mint(args.mint, "FIELD_USER", args.tenant, "sam.rivera"), args.ca_file)
    invite = as_sam.connection.CreateInvite(connection_pb2.CreateInviteRequest(
        inviter_profile_id=user.profile_id, channel=connection_pb2.INVITE_CHANNEL_QR_CODE))
    expect(invite.qr_png.startswith(b"\x89PNG"), "CreateInvite QR_CODE returned no PNG")
    expect("<svg" in invite.qr_svg, "CreateInvite QR_CODE returned no SVG")
    token = invite.link.rsplit("/", 1)[-1]
    print(f"invite {invite.invite.invite_id}: {invite.link} (QR code: {len(invite.qr_png)} bytes of PNG)")

    # 3. An HCP signs up (their token's verified e-mail, SEC-07) and accepts the invite.
    hcp_token = mint(args.mint, "HCP", args.tenant, "dr.ada.osei", email="ada.osei@clinic.example")
    as_hcp = engage_client.connect(args.gateway, hcp_token, args.ca_file)
    hcp = as_hcp.profile.SignUpHcp(profile_pb2.SignUpHcpRequest(first_name="Ada", last_name="Osei"))
    accepted = as_hcp.connection.AcceptInvite(connection_pb2.AcceptInviteRequest(
        token=token, hcp_profile_id=hcp.profile_id))
    print(f"HCP dr.ada.osei (profile {hcp.profile_id}) accepted: connection {accepted.connection.connection_id}")

    # 4. Connected, the field user reads the HCP's card in full (SEC-03), e-mail included.
    card = as_sam.profile.GetBusinessCard(profile_pb2.GetBusinessCardRequest(profile_id=hcp.profile_id)).card
    expect(card.email == "ada.osei@clinic.example", f"the connected field user's view lacks the e-mail: {card}")
    print(f"card of {card.profile_id} as sam.rivera sees it: {card.first_name} {card.last_name} <{card.email}>")

    # 5. Error details, read with the standard helper: the fields at fault ...
    bad = refused(as_admin.profile.CreateFieldUser, profile_pb2.CreateFieldUserRequest(
        request_id="python-example-bad", subject="no.country", first_name="No", last_name="Country",
        email="no.country@verteo.example", country="USA", user_type=profile_pb2.USER_TYPE_FIELD_USER))
    expect(bad.code() == grpc.StatusCode.INVALID_ARGUMENT, f"bad country: {bad.code()} {bad.details()}")
    status = engage_client.rpc_status_of(bad)
    expect(status is not None, "INVALID_ARGUMENT without a google.rpc.Status trailer")
    type_urls = [d.type_url for d in status.details]
    expect("type.googleapis.com/google.rpc.BadRequest" in type_urls, f"no google.rpc.BadRequest in {type_urls}")
    violations = [v for d in engage_client.error_details(bad) if isinstance(d, error_details_pb2.BadRequest)
                  for v in d.field_violations]
    expect(any(v.field == "country" for v in violations), f"BadRequest does not name country: {violations}")
    print(f"refused as expected: {bad.code().name}, BadRequest "
          f"{[(v.field, v.description) for v in violations]}")

    # ... and the rule broken: the used invite cannot be accepted again (CON-03).
    again = refused(as_hcp.connection.AcceptInvite, connection_pb2.AcceptInviteRequest(
        token=token, hcp_profile_id=hcp.profile_id))
    infos = [d for d in engage_client.error_details(again) if isinstance(d, error_details_pb2.ErrorInfo)]
    expect(again.code() == grpc.StatusCode.FAILED_PRECONDITION, f"second accept: {again.code()} {again.details()}")
    expect([i.reason for i in infos] == ["CON-03"], f"second accept: ErrorInfo reasons {[i.reason for i in infos]}")
    print(f"refused as expected: {again.code().name}, ErrorInfo reason {infos[0].reason}: {again.details()}")

    for mesh in (as_admin, as_sam, as_hcp):
        mesh.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gateway", default="127.0.0.1:50050")
    parser.add_argument("--tenant", default="verteo")
    parser.add_argument("--mint", default="build/bin/engage-mint-token")
    parser.add_argument("--ca-file", default=None)
    args = parser.parse_args()
    try:
        run(args)
    except Mismatch as e:
        print(f"FAIL {e}")
        return 1
    except grpc.RpcError as e:
        print(f"FAIL unexpected {e.code().name}: {e.details()}")
        return 1
    print("the Python client example ran as the rules say")
    return 0


if __name__ == "__main__":
    sys.exit(main())

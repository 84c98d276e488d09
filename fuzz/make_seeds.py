#!/usr/bin/env python3
"""Writes the seed inputs of fuzz/corpus/<name>/: small, valid examples of what
each target reads (tokens, JSON rows, requests), so fuzzing starts from inputs
that pass the first checks. Requests are encoded with `protoc --encode` from
the contracts; their first byte picks the method as fuzz/request_fuzz.h does.
Run from the repository root: python3 fuzz/make_seeds.py"""
import base64, hashlib, hmac, json, os, re, struct, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
SECRET = b"fuzz-secret-0123456789abcdef0123"  # kSecret of jwt_fuzzer.cc
ID = "01JD5Z8M9X3Q7R2T4V6W8Y0A1B"  # an IdGenerator id
ID2 = "01JD5Z8M9X3Q7R2T4V6W8Y0A1C"


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def fnv1a(text):
    h = 1469598103934665603
    for c in text.encode():
        h = ((h ^ c) * 1099511628211) % (1 << 64)
    return h


def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def page_token(key, filters):
    k = key.encode()
    return b64url(b"\x0a" + varint(len(k)) + k + b"\x10" + varint(fnv1a(filters)))


def jwt(claims, header=None):
    header = header or {"alg": "HS256", "typ": "JWT"}
    signing = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + \
        b64url(json.dumps(claims, separators=(",", ":")).encode())
    sig = hmac.new(SECRET, signing.encode(), hashlib.sha256).digest()
    return signing + "." + b64url(sig)


def methods(proto, services):
    """Request types of the services' methods, in declaration order."""
    text = open(os.path.join(ROOT, "protos", proto)).read()
    out = []
    for service in services:
        body = re.search(r"service %s \{(.*?)\n\}" % service, text, re.S).group(1)
        out += re.findall(r"rpc \w+\((\w+)\)", body)
    return out


def encode(proto, package, message, textproto):
    return subprocess.run(
        ["protoc", "-I", os.path.join(ROOT, "protos"), "-I", "/usr/share/grpc-proto",
         "--encode=%s.%s" % (package, message), proto],
        input=textproto.encode(), stdout=subprocess.PIPE, check=True, cwd=ROOT).stdout


def requests(target, proto, package, services, examples):
    types = methods(proto, services)
    for message, textproto in examples:
        index = types.index(message)
        write(target, message, bytes([index]) + encode(proto, package, message, textproto))


# page_token: "<page_size>\n<page_token>\n<filters>"
write("page_token", "first_page", "20\n\ncards")
write("page_token", "next_page", "50\n%s\ncards" % page_token(ID, "cards"))
write("page_token", "other_query", "0\n%s\ncards/staff" % page_token(ID, "cards"))
write("page_token", "too_big", "501\nnot-a-token\nconnections")

# claim_form: "<role>\n<tenant>\n<subject>\n<email>"
write("claim_form", "admin", "ADMIN\nverteo\nalice.adams\nalice@verteo.example")
write("claim_form", "service_any", "SERVICE\n*\nprofile-svc\n")
write("claim_form", "oidc_subject", "HCP\nacme-eu_1\nauth0|5f7c1a\ndr.lee@clinic.example")
write("claim_form", "trailing_space", "FIELD_USER\nverteo \nsarah.jones\n")

# validate: "<value>\n<id>\n<id>..."
write("validate", "email", "sarah.jones@verteo.example\n%s" % ID)
write("validate", "utf8_name", "Zoë Müller-Łukasz 山田\n%s\n%s" % (ID, ID2))
write("validate", "url", "https://verteo.example/logo.png\n")
write("validate", "country", "US\n%s" % ID)
write("validate", "tenant", "verteo-eu_2\n")
write("validate", "overlong", b"\xc0\xaf\xed\xa0\x80\n" + ID.encode())

# jwt: first byte 0 = a token, 1 = signed claims, 2 = signed header + claims
claims = {"sub": "alice.adams", "role": "ADMIN", "tenant": "verteo", "iat": 1767225600,
          "nbf": 1577836800, "exp": 4102444800, "iss": "https://idp.example", "aud": "engage"}
write("jwt", "token_admin", "\x00" + jwt(claims))
write("jwt", "token_hcp_email", "\x00" + jwt(dict(claims, role="HCP", sub="auth0|5f7c",
                                                   email="Dr.Lee@Clinic.example",
                                                   email_verified=True)))
write("jwt", "token_aud_array", "\x00" + jwt(dict(claims, aud=["other", "engage"])))
write("jwt", "token_service_any", "\x00" + jwt(dict(claims, role="SERVICE", tenant="*")))
write("jwt", "claims_field_user", "\x01" + json.dumps(dict(claims, role="FIELD_USER")))
write("jwt", "claims_no_exp", "\x01" + json.dumps({"sub": "a", "role": "HCP", "tenant": "t"}))
write("jwt", "header_none", "\x02" + json.dumps({"alg": "none"}) + "\n" + json.dumps(claims))
write("jwt", "header_rs256", "\x02" + json.dumps({"alg": "RS256", "typ": "JWT"}) + "\n" +
      json.dumps(claims))

# json_codec: first byte picks Document, CrossLink, Record, TransferRecordsResponse,
# UpdateDocumentTransferConfigResponse; the rest is the stored JSON.
write("json_codec", "document", "\x00" + json.dumps({
    "document_id": ID, "promomats_vault_id": ID2, "name": "Cardiology deck",
    "document_type": "Promotional Piece", "country": "US", "lifecycle_state": "LIFECYCLE_STATE_STEADY",
    "feature": "FEATURE_CLM", "publish_for_crm_clm": True,
    "slides": [{}], "renditions": ["pdf"], "metadata": {"brand": "Cardiox"}, "version": "3"}))
write("json_codec", "crosslink", "\x01" + json.dumps({"document_id": ID, "version": "2",
                                                      "metadata": {"title": "Deck"}}))
write("json_codec", "record", "\x02" + json.dumps({"record_id": ID, "name": "Cardiox 10mg",
                                                   "fields": {"brand": "Cardiox"}}))
write("json_codec", "batch", "\x03" + json.dumps({"results": [{}]}))
write("json_codec", "config", "\x04" + json.dumps({"document_types": ["Promotional Piece"]}))
write("json_codec", "codes", "\x00US,DE,,FR")

# csv: the four fields of a log row, tab-separated
write("csv", "plain", "Engage_Profile_vod\tEXT-1\tcreated\t")
write("csv", "quoted", 'Engage_Connection_vod\tEXT-2\tfailed\tREQUIRED_FIELD_MISSING: "Name", then\r\nretry')

P = "engage/profile/v1/profile.proto"
C = "engage/profile/v1/crm_sync.proto"
requests("profile_requests", P, "engage.profile.v1", ["ProfileService"], [
    ("UpdateProfileRequest", 'profile_id: "%s" profile { first_name: "Sarah" phone: "+1 555 0100" '
     'photo_url: "https://x.example/p.png" } update_mask { paths: "first_name" paths: "phone" '
     'paths: "photo_url" } etag: "3"' % ID),
    ("UpdateBrandingRequest", 'branding { primary_color: "0A3D62" default_medications: "Cardiox" } '
     'update_mask { paths: "primary_color" paths: "default_medications" }'),
    ("CreateGroupRequest", 'request_id: "r-1" group { name: "Cardio" primary_color: "112233" '
     'medications: "A" medications: "B" }'),
    ("CreateOrgRequest", 'org { org_id: "00D000000000000AAA" type: ORG_TYPE_PRODUCTION '
     'domain: "verteo.example.com" }'),
    ("LinkAccountRequest", 'profile_id: "%s" org_id: "00D000000000000AAA" account_id: "001-A_9"' % ID),
    ("ListBusinessCardsRequest", 'page_size: 20 page_token: "%s"' % page_token(ID, "cards")),
    ("CreateFieldUserRequest", 'request_id: "r-2" subject: "sarah.jones" first_name: "Sarah" '
     'last_name: "Jones" email: "sarah@verteo.example" country: "US" user_type: USER_TYPE_FIELD_USER '
     'org_id: "00D000000000000AAA"'),
])
# CrmSyncService's methods come after ProfileService's and AuditService's.
types = methods(P, ["ProfileService"]) + methods("engage/profile/v1/audit.proto", ["AuditService"])
sync_types = methods(C, ["CrmSyncService"])
write("profile_requests", "StartSyncRequest",
      bytes([len(types) + sync_types.index("StartSyncRequest")]) +
      encode(C, "engage.profile.v1", "StartSyncRequest", 'org_id: "00D000000000000AAA" full: true'))

CP = "engage/connection/v1/connection.proto"
requests("connection_requests", CP, "engage.connection.v1", ["ConnectionService"], [
    ("CreateInviteRequest", 'inviter_profile_id: "%s" channel: INVITE_CHANNEL_QR_CODE' % ID),
    ("AcceptInviteRequest", 'token: "%s" hcp_profile_id: "%s"' % (b64url(bytes(range(32))), ID)),
    ("ListConnectionsRequest", 'profile_id: "%s" page_size: 20 page_token: "%s"'
     % (ID, page_token(ID2, "connections"))),
    ("BatchGetConnectionStatusesRequest", 'field_user_profile_id: "%s" hcp_profile_ids: "%s" '
     'hcp_profile_ids: "%s"' % (ID, ID, ID2)),
])

PP = "engage/promomats/v1/promomats.proto"
requests("promomats_requests", PP, "engage.promomats.v1", ["PromoMatsService"], [
    ("TransferRecordsRequest", 'request_id: "b-1" connection_id: "%s" direction: '
     'DIRECTION_CRM_TO_PROMOMATS object_type: OBJECT_TYPE_PRODUCT records { name: "Cardiox" '
     'crm_id: "a00" fields { key: "brand" value: "Cardiox" } }' % ID),
    ("CreateDocumentRequest", 'request_id: "d-1" document { promomats_vault_id: "%s" name: "Deck" '
     'document_type: "Promotional Piece" country: "US" lifecycle_state: LIFECYCLE_STATE_STEADY '
     'feature: FEATURE_CLM publish_for_crm_clm: true metadata { key: "title" value: "Deck" } }' % ID),
    ("IngestContentMetricsRequest", 'crm_vault_id: "%s" metrics { metric_id: "m-1" document_id: '
     '"%s" slide_id: "s-1" times_shown_in_calls: 3 slide_duration_seconds: 12.5 '
     'times_sent_as_link: 2 link_clicks: 1 view_order: 2 reaction: REACTION_POSITIVE '
     'country: "US" }' % (ID, ID2)),
    ("ListRecordsRequest", 'vault_id: "%s" object_type: OBJECT_TYPE_PRODUCT page_size: 100' % ID),
])

#!/usr/bin/env bash
# Loads a small demo company through the gateway (idempotent: replaying it
# changes nothing). Usage: scripts/demo-data.sh HOST:PORT
# Needs ENGAGE_JWT_HS256_SECRET, as the mesh it talks to.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gateway=$1
buf="$root/tools/node_modules/.bin/buf"
admin=$("$root/build/bin/engage-mint-token" --role ADMIN --tenant verteo --subject alice.adams)

call() {  # call METHOD JSON
  "$buf" curl --protocol grpc --http2-prior-knowledge -H "Authorization: Bearer $admin" \
    -d "$2" "http://$gateway/$1" >/dev/null
}

org=00DVERTEO000000US1
call engage.profile.v1.ProfileService/UpsertCompany '{"name":"Verteo BioPharma"}'
# The org may exist already (replaying the demo): its refusal is harmless.
call engage.profile.v1.ProfileService/CreateOrg \
  "{\"org\":{\"org_id\":\"$org\",\"type\":\"ORG_TYPE_PRODUCTION\",\"domain\":\"verteo-us.veevavault.com\"}}" || true
call engage.profile.v1.ProfileService/CreateFieldUser \
  "{\"request_id\":\"demo-sarah\",\"subject\":\"sarah.jones\",\"first_name\":\"Sarah\",\"last_name\":\"Jones\",\"email\":\"sarah.jones@verteo.example\",\"country\":\"US\",\"user_type\":\"USER_TYPE_FIELD_USER\",\"org_id\":\"$org\"}"
call engage.profile.v1.ProfileService/CreateFieldUser \
  "{\"request_id\":\"demo-mark\",\"subject\":\"mark.lee\",\"first_name\":\"Mark\",\"last_name\":\"Lee\",\"email\":\"mark.lee@verteo.example\",\"country\":\"CA\",\"user_type\":\"USER_TYPE_FIELD_USER\",\"org_id\":\"$org\"}"
call engage.profile.v1.CrmOrgService/ProvisionCrmIntegrationUser \
  "{\"org_id\":\"$org\",\"username\":\"integration@verteo\",\"password\":\"demo-only\",\"active\":true}"
call engage.profile.v1.CrmSyncService/SetIntegrationUser \
  "{\"org_id\":\"$org\",\"username\":\"integration@verteo\",\"password\":\"demo-only\"}"
call engage.promomats.v1.PromoMatsService/RegisterVault \
  '{"request_id":"demo-promomats","name":"Verteo PromoMats","kind":"VAULT_KIND_PROMOMATS","type":"VAULT_TYPE_PRODUCTION","domain":"verteo.veevavault.com"}'
call engage.promomats.v1.PromoMatsService/RegisterVault \
  '{"request_id":"demo-crm-us","name":"Verteo CRM US","kind":"VAULT_KIND_CRM","type":"VAULT_TYPE_PRODUCTION","domain":"verteo-us.veevavault.com"}'
echo "demo company loaded: tenant verteo (Verteo BioPharma), CRM org $org with its integration user,"
echo "field users sarah.jones and mark.lee in it, two vaults"

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

call engage.profile.v1.ProfileService/UpsertCompany '{"name":"Verteo BioPharma"}'
call engage.profile.v1.ProfileService/CreateFieldUser \
  '{"request_id":"demo-sarah","subject":"sarah.jones","first_name":"Sarah","last_name":"Jones","email":"sarah.jones@verteo.example","country":"US","user_type":"USER_TYPE_FIELD_USER"}'
call engage.profile.v1.ProfileService/CreateFieldUser \
  '{"request_id":"demo-mark","subject":"mark.lee","first_name":"Mark","last_name":"Lee","email":"mark.lee@verteo.example","country":"CA","user_type":"USER_TYPE_FIELD_USER"}'
call engage.promomats.v1.PromoMatsService/RegisterVault \
  '{"request_id":"demo-promomats","name":"Verteo PromoMats","kind":"VAULT_KIND_PROMOMATS","type":"VAULT_TYPE_PRODUCTION","domain":"verteo.veevavault.com"}'
call engage.promomats.v1.PromoMatsService/RegisterVault \
  '{"request_id":"demo-crm-us","name":"Verteo CRM US","kind":"VAULT_KIND_CRM","type":"VAULT_TYPE_PRODUCTION","domain":"verteo-us.veevavault.com"}'
echo "demo company loaded: tenant verteo (Verteo BioPharma), field users sarah.jones and mark.lee, two vaults"

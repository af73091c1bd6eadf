#!/usr/bin/env bash
# Demo profile only (docker compose --profile demo up): adds the demo users (realm-config/demo/portal-users-0.json),
# the demo client acme-portal (realm-config/demo/acme-portal-client.json) and the demo organizations with their
# members (realm-config/demo/organizations/*.json) to the realm portal through the admin REST API, with the
# kcadm.sh of the Keycloak image. Runs once after Keycloak is healthy and exits.
#
# Idempotent: a partial import with ifResourceExists=SKIP leaves every user and client that already exists as it
# is (a changed password or client is not overwritten; `docker compose down -v` starts from scratch).
# Like Keycloak's own realm import, it replaces ${EINLASS_NAME:default} placeholders in the files from the
# environment (the admin API itself would store them literally).
#
# Needs only bash, basename and kcadm.sh (the Keycloak image has no jq or curl).
set -euo pipefail

kcadm=${KCADM:-/opt/keycloak/bin/kcadm.sh}
server=${KEYCLOAK_URL:-http://keycloak:8080}
realm=${DEMO_REALM:-portal}
demo_dir=${DEMO_DIR:-/demo}
admin_user=${KEYCLOAK_ADMIN_USER:-admin}
: "${KEYCLOAK_ADMIN_PASSWORD:?KEYCLOAK_ADMIN_PASSWORD must be set}"
config=${TMPDIR:-/tmp}/kcadm-demo-seed.config
trap 'rm -f "$config"' EXIT

log() { printf 'demo-seed: %s\n' "$*"; }

# ${EINLASS_NAME:default} or ${EINLASS_NAME} -> the variable's value if it is set, else the default (else empty).
expand_placeholders() {
  local rest=$1 out="" name default match
  local re='\$\{(EINLASS_[A-Za-z0-9_]+)(:([^}]*))?\}'
  while [[ $rest =~ $re ]]; do
    match=${BASH_REMATCH[0]} name=${BASH_REMATCH[1]} default=${BASH_REMATCH[3]}
    out+=${rest%%"$match"*}
    if [[ -n ${!name+set} ]]; then out+=${!name}; else out+=$default; fi
    rest=${rest#*"$match"}
  done
  printf '%s' "$out$rest"
}

# Prints "added N, skipped M" from kcadm's answer to a partial import.
summary() {
  local added="?" skipped="?"
  [[ $1 =~ \"added\"[[:space:]]*:[[:space:]]*([0-9]+) ]] && added=${BASH_REMATCH[1]}
  [[ $1 =~ \"skipped\"[[:space:]]*:[[:space:]]*([0-9]+) ]] && skipped=${BASH_REMATCH[1]}
  printf 'added %s, skipped %s (already there)' "$added" "$skipped"
}

# Keycloak reports healthy before this runs (depends_on); a few retries only cover a server that is not reachable
# yet. Wrong credentials end the script at once.
export KC_CLI_PASSWORD=$KEYCLOAK_ADMIN_PASSWORD
for (( attempt = 1; ; attempt++ )); do
  if error=$("$kcadm" config credentials --config "$config" --server "$server" --realm master \
      --user "$admin_user" 2>&1 >/dev/null); then
    break
  fi
  if [[ $error == *invalid_grant* || $error == *"Invalid user credentials"* ]]; then
    log "Keycloak refused the admin sign-in as $admin_user: is KEYCLOAK_ADMIN_PASSWORD the one of the first start?"
    exit 1
  fi
  if (( attempt == 20 )); then
    log "cannot reach $server: ${error##*$'\n'}"
    exit 1
  fi
  sleep 3
done
unset KC_CLI_PASSWORD
log "signed in to $server as $admin_user"

if ! "$kcadm" get "realms/$realm" --config "$config" --fields realm >/dev/null 2>&1; then
  log "realm $realm not found: Keycloak must start with --import-realm and the shipped portal-realm.json"
  exit 1
fi

users_file=$demo_dir/portal-users-0.json
client_file=$demo_dir/acme-portal-client.json

# The users file is in Keycloak's split-export format ({"realm": ..., "users": [...]}); a partial import reads
# its "users" and ignores the rest.
body=$(expand_placeholders "$(<"$users_file")")
answer=$(printf '%s' "$body" | "$kcadm" create partialImport --config "$config" -r "$realm" \
  -s ifResourceExists=SKIP -f - -o)
log "demo users from $(basename "$users_file"): $(summary "$answer")"

if [[ -f $client_file ]]; then
  client=$(expand_placeholders "$(<"$client_file")")
  answer=$(printf '{"ifResourceExists": "SKIP", "clients": [%s]}' "$client" \
    | "$kcadm" create partialImport --config "$config" -r "$realm" -f - -o)
  log "demo client from $(basename "$client_file"): $(summary "$answer")"
else
  log "no $(basename "$client_file"): demo client skipped"
fi

# Organizations (Keycloak's organizations, switched on for the demo only): one file per organization, members by
# username. Creating one that exists answers 409 and is skipped; so is a member who is one already.
orgs_dir=$demo_dir/organizations
if compgen -G "$orgs_dir/*.json" >/dev/null; then
  "$kcadm" update "realms/$realm" --config "$config" -s organizationsEnabled=true
  for org_file in "$orgs_dir"/*.json; do
    org=$(expand_placeholders "$(<"$org_file")")
    [[ $org =~ \"alias\"[[:space:]]*:[[:space:]]*\"([^\"]+)\" ]] || { log "no alias in $(basename "$org_file")"; exit 1; }
    org_alias=${BASH_REMATCH[1]}
    if printf '%s' "$org" | "$kcadm" create organizations --config "$config" -r "$realm" -f - >/dev/null 2>&1; then
      log "organization $org_alias added"
    else
      log "organization $org_alias skipped (already there)"
    fi
    org_id=$("$kcadm" get organizations --config "$config" -r "$realm" -q search="$org_alias" \
      --fields id,alias --format csv --noquotes | while IFS=, read -r id found; do
        if [[ $found == "$org_alias" ]]; then printf '%s' "$id"; fi
      done)
    [[ -n $org_id ]] || { log "organization $org_alias not found after creating it"; exit 1; }
    members=${org#*\"members\"}
    while [[ $members =~ \"username\"[[:space:]]*:[[:space:]]*\"([^\"]+)\" ]]; do
      username=${BASH_REMATCH[1]}
      members=${members#*"$username"}
      user_id=$("$kcadm" get users --config "$config" -r "$realm" -q exact=true -q username="$username" \
        --fields id --format csv --noquotes)
      if [[ -z $user_id ]]; then
        log "member $username of $org_alias is not a user: skipped"
      elif "$kcadm" create "organizations/$org_id/members" --config "$config" -r "$realm" -b "\"$user_id\"" >/dev/null 2>&1; then
        log "member $username added to $org_alias"
      else
        log "member $username of $org_alias skipped (already there)"
      fi
    done
  done
fi

log "done. Demo app: ${EINLASS_APP_URL:-http://127.0.0.1:3000}/  Mails: http://127.0.0.1:8025/"

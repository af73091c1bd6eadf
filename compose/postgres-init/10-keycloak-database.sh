#!/usr/bin/env bash
# Runs once, when the PostgreSQL container initializes an empty data directory (docker-entrypoint-initdb.d), as
# the superuser POSTGRES_USER. Creates the role Keycloak connects with: a plain login role (no superuser, no
# CREATEDB, no CREATEROLE) that owns the database keycloak and nothing else.
# An existing data directory is left alone: this script does not run again (docker compose down -v starts over).
set -euo pipefail

: "${KEYCLOAK_DB_PASSWORD:?KEYCLOAK_DB_PASSWORD must be set}"
db_user=${KEYCLOAK_DB_USER:-keycloak}
db_name=${KEYCLOAK_DB_NAME:-keycloak}

# psql variables (:"name" quotes an identifier, :'name' a literal), so no value is pasted into the SQL text.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
  --set=db_user="$db_user" --set=db_name="$db_name" --set=db_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE :"db_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'db_password';
CREATE DATABASE :"db_name" OWNER :"db_user" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"db_name" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db_name" TO :"db_user";
SQL
echo "postgres-init: role ${db_user} (no superuser) owns database ${db_name}"

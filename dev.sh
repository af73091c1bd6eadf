#!/usr/bin/env bash
# README command 1: build what is needed and start Keycloak 26.7.5 with the Einlass bundle, the portal realm and
# the demo users at http://localhost:8080, plus a local mail catcher at http://localhost:8025. Ctrl-C stops all.
# Downloads (Maven, the Keycloak distribution) are cached in ~/.m2 and reused on the next start.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B install -DskipTests -Dmaven.test.skip.exec=true
exec ./mvnw -q -B -pl integration-tests -Pdev test -DskipTests -Dsurefire.skip=true

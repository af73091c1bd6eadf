# Keycloak 26.7.5 with the Einlass bundle, built for PostgreSQL, health and metrics on the management port 9000.
#
#   docker build -t einlass-keycloak:0.2.0 .
#
# builds the bundle from the sources (stage "bundle-build") and needs no pre-built jar. With a jar you already have
# (a release download), skip the Maven stage: put the jar alone into a folder and pass that folder as the stage
# "bundle" (a BuildKit named context replaces the stage of that name; the Maven stage is then not built):
#
#   mkdir jar && cp einlass-bundle-0.2.0.jar jar/
#   docker build --build-context bundle=./jar -t einlass-keycloak:0.2.0 .
#
# The image has no baked command: run it with `start --optimized` (the Keycloak Operator appends that itself),
# add `--import-realm` to import the shipped realm from /opt/keycloak/data/import/ on the first start.
# Needs BuildKit (the default builder since Docker Engine 23) for the cache mount and COPY --chmod.

# ---- stages "bundle-build" and "bundle": the Einlass jar, built from the sources with Maven and Temurin 17 --
FROM maven:3.9.11-eclipse-temurin-17 AS bundle-build
WORKDIR /src
COPY . .
# The Maven repository is a BuildKit cache: a rebuild downloads nothing again. Exactly one jar must come out
# (maven-shade also leaves original-einlass-bundle-*.jar, which the name pattern does not match).
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl bundle -am package -DskipTests \
 && mkdir /out \
 && cp bundle/target/einlass-bundle-*.jar /out/ \
 && set -- /out/*.jar && test "$#" -eq 1

# Only the jar, at the root: the same layout as a folder passed with --build-context bundle=<folder>.
FROM scratch AS bundle
COPY --from=bundle-build /out/ /

# ---- stage "builder": Keycloak with the bundle, optimized build -------------------------------------------
FROM quay.io/keycloak/keycloak:26.7.5 AS builder
COPY --from=bundle --chown=1000:0 --chmod=0644 /einlass-bundle*.jar /opt/keycloak/providers/
# The production realm only (no demo users); imported by `start --optimized --import-realm`.
COPY --chown=1000:0 --chmod=0644 realm-config/portal-realm.json /opt/keycloak/data/import/portal-realm.json
# The SMS gateway's choice is a build-time option in Keycloak 26.7 (`start --optimized` with another value exits 2):
# `docker build --build-arg EINLASS_SMS_PROVIDER=http|twilio .`; its URL and secrets are given at start.
ARG EINLASS_SMS_PROVIDER=""
RUN /opt/keycloak/bin/kc.sh build --health-enabled=true --metrics-enabled=true --db=postgres \
    ${EINLASS_SMS_PROVIDER:+--spi-einlass-sms--provider=${EINLASS_SMS_PROVIDER}}

# ---- final image ------------------------------------------------------------------------------------------
FROM quay.io/keycloak/keycloak:26.7.5
LABEL org.opencontainers.image.title="Keycloak with Einlass" \
      org.opencontainers.image.description="Keycloak 26.7.5 with the Einlass extension bundle" \
      org.opencontainers.image.version="0.2.0" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=builder /opt/keycloak/ /opt/keycloak/
USER 1000
# HTTP, HTTPS, management (health and metrics)
EXPOSE 8080 8443 9000
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]

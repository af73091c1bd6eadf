package io.einlass.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;

/** A token endpoint answer, with the ID and access token claims decoded. */
public record Tokens(JsonNode raw) {

    public String accessToken() {
        return raw.path("access_token").asText(null);
    }

    public String refreshToken() {
        return raw.path("refresh_token").asText(null);
    }

    public JsonNode idClaims() {
        return Json.jwtPayload(raw.path("id_token").asText());
    }

    public JsonNode accessClaims() {
        return Json.jwtPayload(accessToken());
    }
}

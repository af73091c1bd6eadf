package io.einlass.keycloak.core.sms;

import org.keycloak.models.KeycloakSession;

/** Resolves a configured secret that may be a Keycloak vault reference ({@code ${vault.key}}). */
final class Vault {

    private Vault() {
    }

    static String resolve(KeycloakSession session, String value) {
        if (value == null || !value.startsWith("${vault.")) {
            return value;
        }
        try (var secret = session.vault().getStringSecret(value)) {
            return secret.get().orElse(null);
        }
    }
}

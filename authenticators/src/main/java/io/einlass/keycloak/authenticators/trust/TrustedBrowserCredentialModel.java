package io.einlass.keycloak.authenticators.trust;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * A browser the user trusts to skip the OTP step: a credential of type {@code einlass-trusted-browser}. The
 * secret data holds only the SHA-256 of the cookie's secret; the credential data says until when, for which OTP
 * credential, and on which browser and OS (for lists in the account and admin consoles).
 */
public final class TrustedBrowserCredentialModel extends CredentialModel {

    public static final String TYPE = "einlass-trusted-browser";

    private final Data data;
    private final String secretHash;

    /** The public part: expiry (epoch seconds), the OTP credential the trust belongs to, browser and OS. */
    public record Data(long expiresAt, String otpCredentialId, String browser, String os) {
    }

    private TrustedBrowserCredentialModel(Data data, String secretHash) {
        this.data = data;
        this.secretHash = secretHash;
    }

    public static TrustedBrowserCredentialModel create(String secretHash, Data data, String label, long createdMillis) {
        TrustedBrowserCredentialModel model = new TrustedBrowserCredentialModel(data, secretHash);
        model.setType(TYPE);
        model.setUserLabel(label);
        model.setCreatedDate(createdMillis);
        model.setSecretData(write(Map.of("hash", secretHash)));
        Map<String, Object> credentialData = new LinkedHashMap<>();
        credentialData.put("expiresAt", data.expiresAt());
        credentialData.put("otpCredentialId", data.otpCredentialId());
        credentialData.put("browser", data.browser());
        credentialData.put("os", data.os());
        model.setCredentialData(write(credentialData));
        return model;
    }

    public static TrustedBrowserCredentialModel from(CredentialModel stored) {
        try {
            Map<?, ?> data = stored.getCredentialData() == null ? Map.of() : JsonSerialization.readValue(stored.getCredentialData(), Map.class);
            Map<?, ?> secret = stored.getSecretData() == null ? Map.of() : JsonSerialization.readValue(stored.getSecretData(), Map.class);
            Object expires = data.get("expiresAt");
            TrustedBrowserCredentialModel model = new TrustedBrowserCredentialModel(new Data(
                    expires instanceof Number n ? n.longValue() : 0L,
                    (String) data.get("otpCredentialId"), (String) data.get("browser"), (String) data.get("os")),
                    (String) secret.get("hash"));
            model.setId(stored.getId());
            model.setType(stored.getType());
            model.setUserLabel(stored.getUserLabel());
            model.setCreatedDate(stored.getCreatedDate());
            model.setCredentialData(stored.getCredentialData());
            model.setSecretData(stored.getSecretData());
            model.setFederationLink(stored.getFederationLink());
            return model;
        } catch (IOException | ClassCastException e) {
            // unreadable: treated as an expired trust
            TrustedBrowserCredentialModel model = new TrustedBrowserCredentialModel(new Data(0, null, null, null), null);
            model.setId(stored.getId());
            model.setType(stored.getType());
            model.setCreatedDate(stored.getCreatedDate());
            return model;
        }
    }

    public Data data() {
        return data;
    }

    public String secretHash() {
        return secretHash;
    }

    private static String write(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

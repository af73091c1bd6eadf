package io.einlass.keycloak.authenticators.magiclink;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Magic links and grants in Keycloak's cluster-wide single-use store. Keys are namespaced ({@code einlass:ml:})
 * and carry only the SHA-256 of the secret, never the secret or any raw user input. Records are never removed
 * by request: they expire; use is marked by an atomic {@code putIfAbsent} on a separate key.
 */
final class LinkStore {

    private static final String LINK = "einlass:ml:link:";
    private static final String LINK_USED = "einlass:ml:used:";
    private static final String GRANT = "einlass:ml:grant:";
    private static final String GRANT_USED = "einlass:ml:grant-used:";

    private final SingleUseObjectProvider store;

    LinkStore(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    void putLink(String linkHash, LinkRecord record, long lifespanSeconds) {
        store.put(LINK + linkHash, Math.max(1, lifespanSeconds), record.toNotes());
    }

    /** The record of a link secret as found in a URL or form (hashed here), if it exists and has not expired. */
    Optional<LinkRecord> findLink(String linkSecret) {
        if (!wellFormed(linkSecret)) {
            return Optional.empty();
        }
        Map<String, String> notes = store.get(LINK + SecureCodes.hash(linkSecret));
        if (notes == null) {
            return Optional.empty();
        }
        LinkRecord record = LinkRecord.fromNotes(SecureCodes.hash(linkSecret), notes);
        return record.expiresAt() <= Time.currentTime() ? Optional.empty() : Optional.of(record);
    }

    boolean isUsed(String linkHash) {
        return store.contains(LINK_USED + linkHash);
    }

    /** Marks the link used; true for exactly one caller cluster-wide. */
    boolean consume(String linkHash, long lifespanSeconds) {
        return store.putIfAbsent(LINK_USED + linkHash, Math.max(60, lifespanSeconds + 60));
    }

    void putGrant(String grantHash, Map<String, String> notes, long lifespanSeconds) {
        store.put(GRANT + grantHash, lifespanSeconds, new HashMap<>(notes));
    }

    Optional<Map<String, String>> findGrant(String grantSecret) {
        if (!wellFormed(grantSecret)) {
            return Optional.empty();
        }
        return Optional.ofNullable(store.get(GRANT + SecureCodes.hash(grantSecret)));
    }

    boolean consumeGrant(String grantHash, long lifespanSeconds) {
        return store.putIfAbsent(GRANT_USED + grantHash, Math.max(60, lifespanSeconds + 60));
    }

    /** Secrets Einlass issues are 43 base64url characters; anything else is not looked up at all. */
    static boolean wellFormed(String secret) {
        if (secret == null || secret.length() != 43) {
            return false;
        }
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}

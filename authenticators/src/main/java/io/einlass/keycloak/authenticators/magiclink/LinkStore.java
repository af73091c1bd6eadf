package io.einlass.keycloak.authenticators.magiclink;

import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Links in Keycloak's cluster-wide single-use store. Keys are namespaced ({@code einlass:ml:}) and carry only the
 * SHA-256 of the secret, never the secret or any raw user input. Records are never removed by request: they expire;
 * use is marked by an atomic {@code putIfAbsent} on a separate key, and so is every try of the link's code.
 */
final class LinkStore {

    private static final String LINK = "einlass:ml:link:";
    private static final String LINK_USED = "einlass:ml:used:";
    private static final String CODE_TRY = "einlass:ml:try:";

    private final SingleUseObjectProvider store;

    LinkStore(KeycloakSession session) {
        this(session.singleUseObjects());
    }

    LinkStore(SingleUseObjectProvider store) {
        this.store = store;
    }

    void putLink(LinkRecord record, long lifespanSeconds) {
        store.put(LINK + record.hash(), Math.max(1, lifespanSeconds), record.toNotes());
    }

    /** The record of a link secret as found in a URL or form (hashed here), if it exists and has not expired. */
    Optional<LinkRecord> findLink(String linkSecret) {
        if (!SecureCodes.wellFormedToken(linkSecret)) {
            return Optional.empty();
        }
        String hash = SecureCodes.hash(linkSecret);
        Map<String, String> notes = store.get(LINK + hash);
        LinkRecord record = notes == null ? null : LinkRecord.fromNotes(hash, notes);
        return record == null || record.expiresAt() <= Time.currentTime() ? Optional.empty() : Optional.of(record);
    }

    boolean isUsed(String linkHash) {
        return store.contains(LINK_USED + linkHash);
    }

    /** Marks the link used; true for exactly one caller cluster-wide. */
    boolean consume(String linkHash, long lifespanSeconds) {
        return store.putIfAbsent(LINK_USED + linkHash, Math.max(60, lifespanSeconds + 60));
    }

    /**
     * Takes one of the {@code max} tries of the link's code before the code is compared; false when all are taken.
     * Atomic per try (put-if-absent), so parallel requests on any node never get more than {@code max} tries.
     */
    boolean takeCodeTry(String linkHash, int max, long lifespanSeconds) {
        for (int i = 0; i < max; i++) {
            if (store.putIfAbsent(CODE_TRY + linkHash + ':' + i, Math.max(60, lifespanSeconds + 60))) {
                return true;
            }
        }
        return false;
    }

    /** How many tries of the link's code were taken so far. */
    int codeTries(String linkHash, int max) {
        int taken = 0;
        for (int i = 0; i < max; i++) {
            if (store.contains(CODE_TRY + linkHash + ':' + i)) {
                taken++;
            }
        }
        return taken;
    }
}

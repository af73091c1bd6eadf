package io.einlass.keycloak.requiredactions.recoveryemail;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.account.UserStamp;
import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.web.EinlassUrls;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * Confirmation links of recovery addresses in Keycloak's cluster-wide single-use store. Keys carry only hashes
 * ({@code einlass:re:}); the record holds the user, the pending address and its hash, and the user stamp. A link is
 * used by an atomic {@code putIfAbsent}; only the newest link of an account is current (a per-account pointer).
 */
final class RecoveryEmailLinks {

    private static final String LINK = "einlass:re:link:";
    private static final String USED = "einlass:re:used:";
    private static final String CURRENT = "einlass:re:current:";

    /** A pending confirmation. */
    record Pending(String hash, String userId, String address, String stamp, long issuedAt, long expiresAt) {
    }

    /** A link just made: its secret (for the mail only) and its record. */
    record Issued(String secret, Pending pending) {
    }

    private final RealmModel realm;
    private final SingleUseObjectProvider store;

    RecoveryEmailLinks(KeycloakSession session, RealmModel realm) {
        this(session.singleUseObjects(), realm);
    }

    RecoveryEmailLinks(SingleUseObjectProvider store, RealmModel realm) {
        this.realm = realm;
        this.store = store;
    }

    /** The link in the mail, from the realm's frontend URL. */
    static String url(KeycloakSession session, RealmModel realm, String secret) {
        return EinlassUrls.build(EinlassUrls.endpoint(session, realm, RecoveryEmailResource.SEGMENT).queryParam("t", secret));
    }

    Issued issue(UserModel user, String canonicalAddress, Duration validity) {
        return issue(user.getId(), UserStamp.of(user), canonicalAddress, validity);
    }

    Issued issue(String userId, String stamp, String canonicalAddress, Duration validity) {
        String secret = SecureCodes.token(32);
        String hash = SecureCodes.hash(secret);
        long now = Time.currentTime();
        Map<String, String> notes = new HashMap<>();
        notes.put("user", userId);
        notes.put("address", canonicalAddress);
        notes.put("address-hash", SecureCodes.hash(realm.getId(), canonicalAddress));
        notes.put("stamp", stamp);
        notes.put("iat", String.valueOf(now));
        notes.put("exp", String.valueOf(now + validity.toSeconds()));
        store.put(LINK + hash, validity.toSeconds(), notes);
        // only the newest link of the account is current; the pointer outlives every link
        store.put(CURRENT + currentKey(userId), validity.toSeconds() + 60, Map.of("link", hash));
        return new Issued(secret, new Pending(hash, userId, canonicalAddress, stamp, now, now + validity.toSeconds()));
    }

    /** The pending confirmation of a secret from a URL or form, if it exists, is unexpired and intact. */
    Optional<Pending> find(String secret) {
        if (!SecureCodes.wellFormedToken(secret)) {
            return Optional.empty();
        }
        String hash = SecureCodes.hash(secret);
        Map<String, String> notes = store.get(LINK + hash);
        if (notes == null) {
            return Optional.empty();
        }
        String address = notes.get("address");
        if (address == null || !SecureCodes.constantTimeEquals(SecureCodes.hash(realm.getId(), address), notes.get("address-hash"))) {
            return Optional.empty();
        }
        Pending pending = new Pending(hash, notes.get("user"), address, notes.get("stamp"), parse(notes.get("iat")), parse(notes.get("exp")));
        return pending.expiresAt() <= Time.currentTime() ? Optional.empty() : Optional.of(pending);
    }

    boolean used(String hash) {
        return store.contains(USED + hash);
    }

    /** True when no newer link was issued for the account since. */
    boolean current(Pending pending) {
        Map<String, String> pointer = store.get(CURRENT + currentKey(pending.userId()));
        return pointer != null && pending.hash().equals(pointer.get("link"));
    }

    /** Uses the link; true for exactly one caller, cluster-wide. */
    boolean consume(Pending pending) {
        return store.putIfAbsent(USED + pending.hash(), Math.max(60, pending.expiresAt() - Time.currentTime() + 60));
    }

    private String currentKey(String userId) {
        return SecureCodes.hash(realm.getId(), userId);
    }

    private static long parse(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package io.einlass.keycloak.core.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Cluster-wide rolling-window rate limit on Keycloak's single-use store: at most {@code limit} requests in any
 * period of {@code window}. The budget is {@code limit} slot keys; a request is allowed when it takes a free slot
 * with the store's atomic {@code putIfAbsent} (probing from a random slot), and a slot frees itself {@code window} after it was taken. No JVM
 * state: every node of a cluster sees the same slots.
 * <p>
 * Keys are namespaced ({@code einlass:rl:<scope>:}) and carry only a hash of the subject (an address, an IP),
 * never the raw input, so they can collide neither with Keycloak's own keys nor with each other.
 */
public final class RateLimiter {

    private static final String PREFIX = "einlass:rl:";

    private final SingleUseObjectProvider store;

    public RateLimiter(KeycloakSession session) {
        this(session.singleUseObjects());
    }

    RateLimiter(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * Takes one request from the budget of {@code subject} in {@code scope}.
     *
     * @param scope   what is limited, e.g. {@code ml-addr} (short, constant)
     * @param realmId the realm, so realms do not share budgets
     * @param subject the raw subject (canonical address, IP address); only its hash is stored
     * @param limit   requests allowed per window; 0 or less means unlimited
     * @param window  window length
     * @return true when the request is within the limit
     */
    public boolean tryAcquire(String scope, String realmId, String subject, int limit, Duration window) {
        return acquire(scope, realmId, subject, limit, window).isPresent();
    }

    /**
     * Like {@link #tryAcquire}, and returns the slot taken, so a request that paid for something which then did not
     * happen (an SMS the gateway refused) can {@link #giveBack} exactly that slot. Empty when over the limit.
     */
    public Optional<Slot> acquire(String scope, String realmId, String subject, int limit, Duration window) {
        if (limit <= 0) {
            return Optional.of(Slot.UNLIMITED);
        }
        long lifespan = Math.max(1, window.toSeconds());
        String base = PREFIX + scope + ':' + SecureCodes.hash(realmId, subject) + ':' + limit + ':';
        // Any free slot will do. Probing from a random one takes about limit / free store operations (one while
        // few are taken) instead of one per taken slot; in a cluster each is a round trip. Refusing still looks
        // at all of them.
        int start = ThreadLocalRandom.current().nextInt(limit);
        for (int i = 0; i < limit; i++) {
            int slot = (start + i) % limit;
            if (store.putIfAbsent(base + slot, lifespan)) {
                return Optional.of(new Slot(base + slot));
            }
        }
        return Optional.empty();
    }

    /**
     * Frees a slot this very request took with {@link #acquire}. The key is the limiter's own (namespaced, built
     * from a hash, never from raw input), so this removes nothing a request could name.
     */
    public void giveBack(Slot slot) {
        if (slot.key() != null && slot.key().startsWith(PREFIX)) { // never a key of anything else in the store
            store.remove(slot.key());
        }
    }

    /** One taken slot of a limit ({@code key} null for an unlimited one). */
    public record Slot(String key) {
        static final Slot UNLIMITED = new Slot(null);
    }
}

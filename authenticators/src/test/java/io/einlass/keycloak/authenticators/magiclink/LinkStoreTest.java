package io.einlass.keycloak.authenticators.magiclink;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

class LinkStoreTest {

    private final InMemorySingleUseObjects objects = new InMemorySingleUseObjects();
    private final LinkStore store = new LinkStore(session(objects));

    @AfterEach
    void resetClock() {
        Time.setOffset(0);
    }

    @Test
    void aStoredLinkIsFoundByItsSecretUntilItExpires() {
        String secret = SecureCodes.token(32);
        String hash = SecureCodes.hash(secret);
        long now = Time.currentTime();
        LinkRecord record = record(hash, now, now + 600);

        store.putLink(record, 600);

        assertThat(store.findLink(secret)).contains(record);
        Time.setOffset(590);
        assertThat(store.findLink(secret)).contains(record);
        Time.setOffset(600);
        assertThat(store.findLink(secret)).as("at its expiry").isEmpty();
    }

    @Test
    void onlyTheHashOfTheSecretIsUsedAsKey() {
        String secret = SecureCodes.token(32);
        String hash = SecureCodes.hash(secret);
        long now = Time.currentTime();
        store.putLink(record(hash, now, now + 600), 600);
        store.consume(hash, 600);

        assertThat(objects.entries.keySet()).hasSize(2).allSatisfy(key -> assertThat(key).startsWith("einlass:ml:").doesNotContain(secret));
        assertThat(objects.entries.keySet()).contains("einlass:ml:link:" + hash);
        // nor is the secret in the stored notes
        assertThat(objects.entries.values()).allSatisfy(notes -> assertThat(notes.values()).doesNotContain(secret));
    }

    @Test
    void theHashItselfDoesNotOpenTheLink() {
        String secret = SecureCodes.token(32);
        String hash = SecureCodes.hash(secret);
        long now = Time.currentTime();
        store.putLink(record(hash, now, now + 600), 600);

        // someone who reads the store (or a log of its keys) and presents the hash as the secret gets nothing
        assertThat(store.findLink(hash)).isEmpty();
        assertThat(store.findLink(SecureCodes.token(32))).isEmpty();
    }

    @Test
    void malformedSecretsAreNotLookedUp() {
        store.findLink("../../etc/passwd");
        store.findLink(null);
        store.findLink("x".repeat(10_000));

        assertThat(objects.lookups).isZero();
    }

    @Test
    void aLinkIsConsumedExactlyOnce() {
        String hash = SecureCodes.hash(SecureCodes.token(32));

        assertThat(store.isUsed(hash)).isFalse();
        assertThat(store.consume(hash, 600)).isTrue();
        assertThat(store.isUsed(hash)).isTrue();
        assertThat(store.consume(hash, 600)).isFalse();
    }

    @Test
    void theUsedMarkOutlivesTheLink() {
        String secret = SecureCodes.token(32);
        String hash = SecureCodes.hash(secret);
        long now = Time.currentTime();
        store.putLink(record(hash, now, now + 600), 600);
        store.consume(hash, 600);

        // the link record is gone, but the mark must still say "used" so a late replay is refused as used
        Time.setOffset(600);
        assertThat(store.isUsed(hash)).isTrue();
        assertThat(store.consume(hash, 600)).isFalse();
    }

    @Test
    void aLinksCodeHasExactlyFiveTriesAndOtherLinksKeepTheirOwn() {
        String hash = SecureCodes.hash(SecureCodes.token(32));
        String other = SecureCodes.hash(SecureCodes.token(32));

        for (int i = 1; i <= 5; i++) {
            assertThat(store.takeCodeTry(hash, 5, 600)).as("try " + i).isTrue();
        }
        assertThat(store.takeCodeTry(hash, 5, 600)).as("a sixth try").isFalse();
        assertThat(store.codeTries(hash, 5)).isEqualTo(5);
        assertThat(store.takeCodeTry(other, 5, 600)).isTrue();
        assertThat(objects.entries.keySet()).filteredOn(k -> k.startsWith("einlass:ml:try:")).hasSize(6);
    }

    @Test
    void parallelTriesNeverExceedTheLimit() throws Exception {
        String hash = SecureCodes.hash(SecureCodes.token(32));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return store.takeCodeTry(hash, 5, 600);
            }));
        }
        start.countDown();
        int granted = 0;
        for (var result : results) {
            granted += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(granted).isEqualTo(5);
    }

    private static LinkRecord record(String hash, long issuedAt, long expiresAt) {
        return new LinkRecord(hash, LinkRecord.Kind.SIGN_IN, "client-uuid", "root-1", "tab-1", "exec-1", "user-1", "stamp",
                issuedAt, expiresAt, "Firefox|Windows", null);
    }

    private static KeycloakSession session(SingleUseObjectProvider objects) {
        return (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(), new Class<?>[] {KeycloakSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("singleUseObjects")) {
                        return objects;
                    }
                    throw new UnsupportedOperationException("KeycloakSession." + method.getName() + " is not faked");
                });
    }

    /** Keycloak's single-use store in memory: atomic putIfAbsent, entries expire after their lifespan (Keycloak time). */
    static final class InMemorySingleUseObjects implements SingleUseObjectProvider {

        final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
        private final Map<String, Long> expiries = new ConcurrentHashMap<>();
        int lookups;

        private boolean alive(String key) {
            Long expiry = expiries.get(key);
            if (expiry != null && Time.currentTimeMillis() >= expiry) {
                entries.remove(key);
                expiries.remove(key);
            }
            return entries.containsKey(key);
        }

        @Override
        public synchronized void put(String key, long lifespanSeconds, Map<String, String> notes) {
            entries.put(key, Map.copyOf(notes));
            expiries.put(key, Time.currentTimeMillis() + lifespanSeconds * 1000);
        }

        @Override
        public synchronized Map<String, String> get(String key) {
            lookups++;
            return alive(key) ? entries.get(key) : null;
        }

        @Override
        public synchronized Map<String, String> remove(String key) {
            Map<String, String> notes = alive(key) ? entries.remove(key) : null;
            expiries.remove(key);
            return notes;
        }

        @Override
        public synchronized boolean replace(String key, Map<String, String> notes) {
            if (!alive(key)) {
                return false;
            }
            entries.put(key, Map.copyOf(notes));
            return true;
        }

        @Override
        public synchronized boolean putIfAbsent(String key, long lifespanSeconds) {
            if (alive(key)) {
                return false;
            }
            put(key, lifespanSeconds, Map.of());
            return true;
        }

        @Override
        public synchronized boolean contains(String key) {
            lookups++;
            return alive(key);
        }

        @Override
        public void close() {
        }
    }
}

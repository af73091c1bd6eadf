package io.einlass.keycloak.requiredactions.recoveryemail;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/** Confirmation links: found by their secret only, expire, only the newest is current, used once. */
class RecoveryEmailLinksTest {

    private final FakeStore store = new FakeStore();
    private final RecoveryEmailLinks links = new RecoveryEmailLinks(store, realm("realm-1"));

    @AfterEach
    void resetClock() {
        Time.setOffset(0);
    }

    @Test
    void aLinkIsFoundByItsSecretOnlyAndExpires() {
        RecoveryEmailLinks.Issued issued = links.issue("user-1", "stamp", "anna.private@example.com", Duration.ofMinutes(60));

        assertThat(links.find(issued.secret())).map(RecoveryEmailLinks.Pending::address).contains("anna.private@example.com");
        assertThat(links.find(issued.pending().hash())).as("the stored hash opens nothing").isEmpty();
        assertThat(links.find("short")).isEmpty();
        assertThat(store.entries.keySet()).allSatisfy(k -> assertThat(k).startsWith("einlass:re:").doesNotContain(issued.secret())
                .doesNotContain("anna.private"));
        Time.setOffset(59 * 60);
        assertThat(links.find(issued.secret())).isPresent();
        Time.setOffset(60 * 60);
        assertThat(links.find(issued.secret())).as("expired").isEmpty();
    }

    @Test
    void onlyTheNewestLinkOfAnAccountIsCurrent() {
        RecoveryEmailLinks.Issued older = links.issue("user-1", "stamp", "a@example.com", Duration.ofMinutes(60));
        RecoveryEmailLinks.Issued other = links.issue("user-2", "stamp", "b@example.com", Duration.ofMinutes(60));
        RecoveryEmailLinks.Issued newer = links.issue("user-1", "stamp", "c@example.com", Duration.ofMinutes(60));

        assertThat(links.current(links.find(older.secret()).orElseThrow())).isFalse();
        assertThat(links.current(links.find(newer.secret()).orElseThrow())).isTrue();
        assertThat(links.current(links.find(other.secret()).orElseThrow())).as("another account's link").isTrue();
    }

    @Test
    void aLinkIsUsedOnceAndATamperedAddressIsNoLink() {
        RecoveryEmailLinks.Issued issued = links.issue("user-1", "stamp", "a@example.com", Duration.ofMinutes(60));
        RecoveryEmailLinks.Pending pending = links.find(issued.secret()).orElseThrow();
        assertThat(links.consume(pending)).isTrue();
        assertThat(links.consume(pending)).isFalse();
        assertThat(links.used(pending.hash())).isTrue();

        RecoveryEmailLinks.Issued second = links.issue("user-1", "stamp", "b@example.com", Duration.ofMinutes(60));
        String key = "einlass:re:link:" + SecureCodes.hash(second.secret());
        Map<String, String> notes = new java.util.HashMap<>(store.entries.get(key));
        notes.put("address", "attacker@example.com");
        store.entries.put(key, notes);
        assertThat(links.find(second.secret())).as("address and its hash no longer agree").isEmpty();
    }

    @Test
    void theConfigReaderKeepsItsBoundsAndSaysWhatIsWrong() {
        assertThat(RecoveryEmailConfig.from(Map.of()).linkValidity()).isEqualTo(Duration.ofHours(24));
        assertThat(RecoveryEmailConfig.from(Map.of(RecoveryEmailConfig.LINK_VALIDITY, "1")).linkValidity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(RecoveryEmailConfig.from(Map.of(RecoveryEmailConfig.LINK_VALIDITY, "99999")).linkValidity()).isEqualTo(Duration.ofMinutes(4320));
        assertThat(RecoveryEmailConfig.from(Map.of()).notNow()).isTrue();
        assertThat(RecoveryEmailConfig.problem(Map.of(RecoveryEmailConfig.LINK_VALIDITY, "4"))).isPresent();
        assertThat(RecoveryEmailConfig.problem(Map.of(RecoveryEmailConfig.LINK_VALIDITY, "60"))).isEmpty();
        assertThat(RecoveryEmailConfig.properties()).extracting(p -> p.getName())
                .contains("max_auth_age", RecoveryEmailConfig.LINK_VALIDITY, RecoveryEmailConfig.NOT_NOW);
        assertThat(RecoveryEmailConfig.properties()).allSatisfy(p -> {
            assertThat(p.getLabel()).isNotBlank();
            assertThat(p.getHelpText()).isNotBlank();
        });
    }

    private static RealmModel realm(String id) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getId")) {
                        return id;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Keycloak's single-use store in memory (expiry by Keycloak's clock, atomic putIfAbsent). */
    static final class FakeStore implements SingleUseObjectProvider {
        final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
        private final Map<String, Long> expiries = new ConcurrentHashMap<>();

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
            return alive(key) ? entries.get(key) : null;
        }

        @Override
        public synchronized Map<String, String> remove(String key) {
            expiries.remove(key);
            return entries.remove(key);
        }

        @Override
        public synchronized boolean replace(String key, Map<String, String> notes) {
            return alive(key) && entries.put(key, Map.copyOf(notes)) != null;
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
            return alive(key);
        }

        @Override
        public void close() {
        }
    }
}

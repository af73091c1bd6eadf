package io.einlass.keycloak.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;

class RateLimiterTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final InMemorySingleUseObjects store = new InMemorySingleUseObjects();
    private final RateLimiter limiter = new RateLimiter(store);

    @BeforeEach
    void startClock() {
        Time.setOffset(0);
    }

    @AfterEach
    void resetClock() {
        Time.setOffset(0);
    }

    @Test
    void allowsExactlyTheLimitInAWindowAndRefusesTheNext() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).as("request %d", i + 1).isTrue();
        }
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).isFalse();
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).isFalse();
    }

    @Test
    void aSlotGivenBackIsFreeAgainAndOnlyThatOne() {
        RateLimiter.Slot first = limiter.acquire("rp-number", "realm-1", "+41790000001", 2, WINDOW).orElseThrow();
        assertThat(limiter.acquire("rp-number", "realm-1", "+41790000001", 2, WINDOW)).isPresent();
        assertThat(limiter.tryAcquire("rp-number", "realm-1", "+41790000001", 2, WINDOW)).isFalse();
        limiter.giveBack(first);
        assertThat(first.key()).startsWith("einlass:rl:rp-number:").doesNotContain("+41790000001");
        assertThat(limiter.tryAcquire("rp-number", "realm-1", "+41790000001", 2, WINDOW)).as("the given-back slot").isTrue();
        assertThat(limiter.tryAcquire("rp-number", "realm-1", "+41790000001", 2, WINDOW)).isFalse();
    }

    @Test
    void anUnlimitedSlotGivesNothingBack() {
        RateLimiter.Slot slot = limiter.acquire("rp-ip", "realm-1", "192.0.2.1", 0, WINDOW).orElseThrow();
        limiter.giveBack(slot);
        assertThat(slot.key()).isNull();
    }

    @Test
    void aLimitOfOneAllowsOneRequest() {
        assertThat(limiter.tryAcquire("ml-ip", "realm-1", "192.0.2.1", 1, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ml-ip", "realm-1", "192.0.2.1", 1, WINDOW)).isFalse();
    }

    @Test
    void eachRequestFreesItsSlotOneWindowAfterItWasMade() {
        // rolling window: a request at t=0 and two at t=5 min; at t=15 min only the first has aged out
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).isTrue();
        Time.setOffset(300);
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).isFalse();

        Time.setOffset((int) WINDOW.toSeconds() - 10);
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).as("nothing aged out yet").isFalse();

        Time.setOffset((int) WINDOW.toSeconds() + 1);
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).as("the first slot is free").isTrue();
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).as("the others are not").isFalse();

        Time.setOffset(300 + (int) WINDOW.toSeconds() + 1);
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW)).isFalse();
    }

    @Test
    void aSlotLivesForOneWholeWindow() {
        limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 1, WINDOW);

        assertThat(store.lifespans).containsExactly(WINDOW.toSeconds());
    }

    @Test
    void differentSubjectsDoNotShareABudget() {
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 1, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "ben@portal.example", 1, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 1, WINDOW)).isFalse();
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "ben@portal.example", 1, WINDOW)).isFalse();
    }

    @Test
    void differentScopesDoNotShareABudget() {
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 1, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ml-other", "realm-1", "anna@portal.example", 1, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 1, WINDOW)).isFalse();
    }

    @Test
    void differentRealmsDoNotShareABudget() {
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 1, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ml-addr", "realm-2", "anna@portal.example", 1, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 1, WINDOW)).isFalse();
        assertThat(limiter.tryAcquire("ml-addr", "realm-2", "anna@portal.example", 1, WINDOW)).isFalse();
    }

    @Test
    void storedKeysAreNamespacedAndNeverContainTheRawSubject() {
        limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 3, WINDOW);
        limiter.tryAcquire("ml-ip", "realm-1", "192.0.2.1", 3, WINDOW);
        limiter.tryAcquire("ml-ip", "realm-1", "2001:db8::1", 3, WINDOW);

        assertThat(store.keys()).hasSize(3).allSatisfy(key -> assertThat(key)
                .startsWith("einlass:rl:")
                .doesNotContain("anna").doesNotContain("portal.example")
                .doesNotContain("192.0.2.1").doesNotContain("2001:db8")
                .doesNotContain("realm-1"));
        assertThat(store.keys()).anySatisfy(key -> assertThat(key).startsWith("einlass:rl:ml-addr:"));
        assertThat(store.keys()).anySatisfy(key -> assertThat(key).startsWith("einlass:rl:ml-ip:"));
    }

    @Test
    void aLimitOfZeroOrLessIsUnlimitedAndStoresNothing() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 0, WINDOW)).isTrue();
            assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", -1, WINDOW)).isTrue();
        }
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void aWindowShorterThanASecondStillLimits() {
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 1, Duration.ZERO)).isTrue();
        assertThat(store.lifespans).allSatisfy(l -> assertThat(l).isPositive());
    }

    @Test
    void aRequestUnderTheLimitCostsAboutOneStoreOperationNotOnePerTakenSlot() {
        // an office behind one address: 30 sign-ins per hour allowed, 10 already made
        int limit = 30;
        int taken = 10;
        int subjects = 500;
        for (int s = 0; s < subjects; s++) {
            for (int i = 0; i < taken; i++) {
                assertThat(limiter.tryAcquire("ml-ip", "realm-1", "203.0.113." + s, limit, WINDOW)).isTrue();
            }
        }
        store.putIfAbsentCalls.set(0);
        for (int s = 0; s < subjects; s++) {
            assertThat(limiter.tryAcquire("ml-ip", "realm-1", "203.0.113." + s, limit, WINDOW)).isTrue();
        }
        // probing in order would take taken + 1 = 11 per request; from a random slot about limit / free = 1.5
        assertThat(store.putIfAbsentCalls.get() / (double) subjects).isLessThan(2.5);
    }

    @Test
    void aRequestOverTheLimitIsRefusedAfterLookingAtEverySlotOnce() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 5, WINDOW);
        }
        store.putIfAbsentCalls.set(0);
        assertThat(limiter.tryAcquire("ml-addr", "realm-1", "anna@portal.example", 5, WINDOW)).isFalse();
        assertThat(store.putIfAbsentCalls.get()).isEqualTo(5);
    }

    @Test
    void concurrentRequestsNeverExceedTheLimit() throws Exception {
        int threads = 16;
        int attemptsPerThread = 20;
        int limit = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int allowed = 0;
                    for (int i = 0; i < attemptsPerThread; i++) {
                        if (limiter.tryAcquire("ml-ip", "realm-1", "198.51.100.7", limit, WINDOW)) {
                            allowed++;
                        }
                    }
                    return allowed;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(limit);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Keycloak's single-use store in memory: atomic putIfAbsent, entries expire after their lifespan (Keycloak time). */
    static final class InMemorySingleUseObjects implements SingleUseObjectProvider {

        private record Entry(long expiresAtMillis, Map<String, String> notes) {
            boolean alive() {
                return Time.currentTimeMillis() < expiresAtMillis;
            }
        }

        private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
        final List<Long> lifespans = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.atomic.AtomicInteger putIfAbsentCalls = new java.util.concurrent.atomic.AtomicInteger();

        java.util.Set<String> keys() {
            return entries.keySet();
        }

        private static long expiry(long lifespanSeconds) {
            return Time.currentTimeMillis() + lifespanSeconds * 1000;
        }

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            lifespans.add(lifespanSeconds);
            entries.put(key, new Entry(expiry(lifespanSeconds), notes == null ? Map.of() : Map.copyOf(notes)));
        }

        @Override
        public Map<String, String> get(String key) {
            Entry entry = entries.get(key);
            return entry != null && entry.alive() ? entry.notes() : null;
        }

        @Override
        public Map<String, String> remove(String key) {
            Entry entry = entries.remove(key);
            return entry != null && entry.alive() ? entry.notes() : null;
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            Entry entry = entries.computeIfPresent(key, (k, e) -> e.alive() ? new Entry(e.expiresAtMillis(), Map.copyOf(notes)) : null);
            return entry != null;
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanSeconds) {
            putIfAbsentCalls.incrementAndGet();
            Entry fresh = new Entry(expiry(lifespanSeconds), Map.of());
            boolean[] won = {false};
            entries.compute(key, (k, existing) -> {
                if (existing != null && existing.alive()) {
                    return existing;
                }
                won[0] = true;
                return fresh;
            });
            if (won[0]) {
                lifespans.add(lifespanSeconds);
            }
            return won[0];
        }

        @Override
        public boolean contains(String key) {
            Entry entry = entries.get(key);
            return entry != null && entry.alive();
        }

        @Override
        public void close() {
        }
    }
}

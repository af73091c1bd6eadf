package io.einlass.keycloak.core.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/** A code typed back: only its hash is kept, only the newest works, it has a fixed number of tries. */
class PendingCodeTest {

    private static final String P = "einlass.test.";

    private final Map<String, String> notes = new HashMap<>();
    private final AuthenticationSessionModel authSession = (AuthenticationSessionModel) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {AuthenticationSessionModel.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getAuthNote" -> notes.get((String) args[0]);
                case "setAuthNote" -> notes.put((String) args[0], (String) args[1]);
                case "removeAuthNote" -> notes.remove((String) args[0]);
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final Set<String> taken = new HashSet<>();
    private final SingleUseObjectProvider store = (SingleUseObjectProvider) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {SingleUseObjectProvider.class}, (proxy, method, args) -> switch (method.getName()) {
                case "putIfAbsent" -> taken.add((String) args[0]);
                default -> throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void onlyAHashIsKeptAndOnlyTheRightCodeOfThisUserMatches() {
        PendingCode pending = PendingCode.issue(authSession, P, "u1", "+41790000099", "123456", 1000, 1300);
        assertThat(notes.values()).noneMatch(v -> v.contains("123456"));
        assertThat(pending.matches("123456")).isTrue();
        assertThat(pending.matches("123457")).isFalse();
        assertThat(PendingCode.find(authSession, P, "u1")).isNotNull();
        assertThat(PendingCode.find(authSession, P, "u2")).as("another user's sign-in").isNull();
        assertThat(PendingCode.find(authSession, "einlass.other.", "u1")).as("another feature").isNull();
    }

    @Test
    void aNewCodeReplacesTheOldAndCountsTheSends() {
        PendingCode.issue(authSession, P, "u1", "a", "111111", 1000, 1300);
        PendingCode second = PendingCode.issue(authSession, P, "u1", "a", "222222", 1040, 1340);
        assertThat(second.matches("111111")).isFalse();
        assertThat(second.matches("222222")).isTrue();
        assertThat(PendingCode.sends(authSession, P)).isEqualTo(2);
        assertThat(PendingCode.lastSend(authSession, P)).isEqualTo(1040);
        second.clear();
        assertThat(PendingCode.find(authSession, P, "u1")).isNull();
        assertThat(PendingCode.sends(authSession, P)).as("the count survives a cleared code").isEqualTo(2);
    }

    @Test
    void fiveTriesThenNoneAndANewCodeHasItsOwn() {
        PendingCode first = PendingCode.issue(authSession, P, "u1", "a", "111111", 1000, 1300);
        for (int i = 0; i < 5; i++) {
            assertThat(first.takeTry(store, "einlass:test:try:", 5, 1001)).isTrue();
        }
        assertThat(first.takeTry(store, "einlass:test:try:", 5, 1001)).isFalse();
        PendingCode second = PendingCode.issue(authSession, P, "u1", "a", "222222", 1040, 1340);
        assertThat(second.takeTry(store, "einlass:test:try:", 5, 1041)).isTrue();
    }

    @Test
    void typedCodesAllowSpacesAndDashesOnly() {
        assertThat(PendingCode.digits("123 456")).isEqualTo("123456");
        assertThat(PendingCode.digits("123-456")).isEqualTo("123456");
        assertThat(PendingCode.digits(null)).isEmpty();
        assertThat(PendingCode.digits("12a456")).isNull();
        assertThat(PendingCode.digits("1".repeat(40))).isNull();
    }
}

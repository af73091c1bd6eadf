package io.einlass.keycloak.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecureCodesTest {

    private static final String BASE64URL = "^[A-Za-z0-9_-]+$";

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32, 64})
    void tokenEncodesExactlyTheRequestedNumberOfRandomBytesAsUnpaddedBase64Url(int bytes) {
        String token = SecureCodes.token(bytes);

        assertThat(token).matches(BASE64URL).doesNotContain("=");
        assertThat(token).hasSize((bytes * 8 + 5) / 6);
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(bytes);
    }

    @Test
    void a32ByteTokenHas43CharactersLikeTheSecretsTheLinkStoreAccepts() {
        assertThat(SecureCodes.token(32)).hasSize(43);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 8, 15})
    void tokensBelow128BitsAreRefused(int bytes) {
        assertThatThrownBy(() -> SecureCodes.token(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensDoNotRepeatOverManyDraws() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            assertThat(seen.add(SecureCodes.token(16))).as("draw %d repeated an earlier token", i).isTrue();
        }
    }

    @Test
    void tokensUseTheWholeBase64UrlAlphabet() {
        Set<Character> chars = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            for (char c : SecureCodes.token(32).toCharArray()) {
                chars.add(c);
            }
        }
        // 64 symbols, including the two URL-safe ones; a biased or truncated encoder would miss some
        assertThat(chars).hasSize(64).contains('-', '_');
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6, 8, 12})
    void digitsHaveExactlyTheRequestedLengthAndOnlyDigits(int length) {
        for (int i = 0; i < 200; i++) {
            assertThat(SecureCodes.digits(length)).hasSize(length).matches("^[0-9]+$");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 3, 13, 100})
    void digitsOutside4To12AreRefused(int length) {
        assertThatThrownBy(() -> SecureCodes.digits(length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDigitAppearsInEveryPositionAndRoughlyUniformly() {
        int draws = 10_000;
        int[][] counts = new int[6][10];
        for (int i = 0; i < draws; i++) {
            String code = SecureCodes.digits(6);
            for (int p = 0; p < 6; p++) {
                counts[p][code.charAt(p) - '0']++;
            }
        }
        for (int p = 0; p < 6; p++) {
            for (int d = 0; d < 10; d++) {
                // expected 1000 per cell, standard deviation 30: 700..1300 is ten sigma wide
                assertThat(counts[p][d]).as("digit %d at position %d", d, p).isBetween(700, 1300);
            }
        }
    }

    @Test
    void codesCanStartWithZero() {
        boolean leadingZero = false;
        for (int i = 0; i < 5_000 && !leadingZero; i++) {
            leadingZero = SecureCodes.digits(6).startsWith("0");
        }
        assertThat(leadingZero).as("a leading zero in 5000 six-digit codes").isTrue();
    }

    @Test
    void nextIntStaysWithinItsBound() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            int n = SecureCodes.nextInt(100);
            assertThat(n).isBetween(0, 99);
            seen.add(n);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void hashIsSha256AsUnpaddedBase64Url() {
        // FIPS 180-2 test vector: SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
        assertThat(SecureCodes.hash("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }

    @Test
    void hashIsStableAndDoesNotContainTheInput() {
        String secret = "my-secret-link-value";
        assertThat(SecureCodes.hash(secret)).isEqualTo(SecureCodes.hash(secret))
                .hasSize(43).matches(BASE64URL).doesNotContain(secret);
        assertThat(SecureCodes.hash(secret)).isNotEqualTo(SecureCodes.hash(secret + "x"));
    }

    @Test
    void hashEncodesNonAsciiAsUtf8() {
        // U+00E4 as UTF-8 (c3 a4) and the same bytes seen as two Latin-1 chars must differ,
        // and the hash must not depend on the platform default charset
        assertThat(SecureCodes.hash("\u00e4")).isNotEqualTo(SecureCodes.hash("\u00c3\u00a4"));
        assertThat(SecureCodes.hash("\u00e4")).isEqualTo("M-bXP-6CkEyNevt43hFU0ejcKg7bCBIOY99bk4XC2cw");
    }

    @Test
    void saltedHashIsStablePerSaltAndDiffersBetweenSalts() {
        String code = "123456";
        assertThat(SecureCodes.hash("link-a", code)).isEqualTo(SecureCodes.hash("link-a", code));
        assertThat(SecureCodes.hash("link-a", code)).isNotEqualTo(SecureCodes.hash("link-b", code));
        assertThat(SecureCodes.hash("link-a", code)).isNotEqualTo(SecureCodes.hash(code));
        assertThat(SecureCodes.hash("link-a", code)).isNotEqualTo(SecureCodes.hash("link-a", "123457"));
    }

    @Test
    void constantTimeEqualsMatchesEqualStringsOnly() {
        assertThat(SecureCodes.constantTimeEquals("abc", "abc")).isTrue();
        assertThat(SecureCodes.constantTimeEquals("abc", new String("abc"))).isTrue();
        assertThat(SecureCodes.constantTimeEquals("", "")).isTrue();
        assertThat(SecureCodes.constantTimeEquals("\u00e4", "\u00e4")).isTrue();

        assertThat(SecureCodes.constantTimeEquals("abc", "abd")).isFalse();
        assertThat(SecureCodes.constantTimeEquals("abc", "ab")).isFalse();
        assertThat(SecureCodes.constantTimeEquals("abc", "abcd")).isFalse();
        assertThat(SecureCodes.constantTimeEquals("abc", "ABC")).isFalse();
        assertThat(SecureCodes.constantTimeEquals("", "a")).isFalse();
    }

    @Test
    void constantTimeEqualsNeverMatchesNull() {
        assertThat(SecureCodes.constantTimeEquals(null, null)).isFalse();
        assertThat(SecureCodes.constantTimeEquals(null, "")).isFalse();
        assertThat(SecureCodes.constantTimeEquals("", null)).isFalse();
        assertThat(SecureCodes.constantTimeEquals("abc", null)).isFalse();
    }

    @Test
    void tokensEinlassIssuesAreWellFormed() {
        for (int i = 0; i < 1_000; i++) {
            String token = SecureCodes.token(32);
            assertThat(SecureCodes.wellFormedToken(token)).as(token).isTrue();
        }
    }

    @Test
    void allBase64UrlCharactersAreAccepted() {
        assertThat(SecureCodes.wellFormedToken("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq")).isTrue();
        assertThat(SecureCodes.wellFormedToken("rstuvwxyz0123456789-_AAAAAAAAAAAAAAAAAAAAAA")).isTrue();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.NullAndEmptySource
    @ValueSource(strings = {
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",     // 42
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",   // 44
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",    // padding
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",    // standard base64
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u00e4",     // non-ASCII letter
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\uff21",     // full-width A
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u0000",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u0661",     // Arabic-Indic digit one
    })
    void anythingElseIsNotAToken(String value) {
        assertThat(SecureCodes.wellFormedToken(value)).isFalse();
    }
}

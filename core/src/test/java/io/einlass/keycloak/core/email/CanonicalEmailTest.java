package io.einlass.keycloak.core.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalEmailTest {

    @Test
    void trimsSurroundingWhitespace() {
        assertThat(CanonicalEmail.of("  anna@portal.example \t\n")).contains("anna@portal.example");
        // U+3000 ideographic space, as typed with a Japanese IME
        assertThat(CanonicalEmail.of("\u3000anna@portal.example\u3000")).contains("anna@portal.example");
    }

    @Test
    void lowerCasesLocalPartAndDomain() {
        assertThat(CanonicalEmail.of("Anna.Keller@Portal.EXAMPLE")).contains("anna.keller@portal.example");
        assertThat(CanonicalEmail.of("\u00c4NNE@Beispiel.DE")).contains("\u00e4nne@beispiel.de");
    }

    @Test
    void lowerCasingDoesNotDependOnTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            // Turkish lower case of I is dotless i (U+0131); the canonical form must not depend on the server locale
            assertThat(CanonicalEmail.of("INFO@PORTAL.EXAMPLE")).contains("info@portal.example");
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void normalizesFullWidthCharactersWithNfkc() {
        // full-width letters, full-width @ (U+FF20) and full-width full stop (U+FF0E)
        String fullWidth = "\uff21\uff4e\uff4e\uff41\uff20\uff50\uff4f\uff52\uff54\uff41\uff4c\uff0e\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45";
        assertThat(CanonicalEmail.of(fullWidth)).contains("anna@portal.example");
    }

    @Test
    void composesDecomposedCharactersAndCompatibilityForms() {
        // "a" + combining diaeresis -> U+00E4; the "fi" ligature U+FB01 -> "fi"
        assertThat(CanonicalEmail.of("ja\u0308ger@portal.example")).contains("j\u00e4ger@portal.example");
        assertThat(CanonicalEmail.of("\ufb01nn@portal.example")).contains("finn@portal.example");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "anna.portal.example",          // no @
            "anna@@portal.example",         // two @
            "anna@portal@example.com",      // two @
            "an na@portal.example",         // space in the local part
            "anna@por tal.example",         // space in the domain
            "anna@portal.exa\tmple",        // tab inside
            "anna@localhost",               // no dot in the domain
            "anna@.portal.example",         // empty first label
            "anna@portal.example.",         // empty last label
            "anna@portal..example",         // empty label
            "@portal.example",              // empty local part
            "anna@",                        // empty domain
    })
    void rejectsWhatCanNeverBeAnAddress(String raw) {
        assertThat(CanonicalEmail.of(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "anna\u0000@portal.example",
            "anna@portal.example\u0007",
            "an\u0008na@portal.example",
            "anna@port\u007fal.example",
            "anna@portal.exam\u0085ple",
            "anna\u001b[31m@portal.example",
    })
    void rejectsControlCharacters(String raw) {
        assertThat(CanonicalEmail.of(raw)).isEmpty();
    }

    @Test
    void acceptsUpTo254CharactersAndRejectsLonger() {
        String local = "a".repeat(64);
        String domain254 = domainOfLength(254 - 65);
        String domain255 = domainOfLength(255 - 65);

        assertThat(CanonicalEmail.of(local + "@" + domain254)).hasValueSatisfying(e -> assertThat(e).hasSize(254));
        assertThat(CanonicalEmail.of(local + "@" + domain255)).isEmpty();
        assertThat(CanonicalEmail.of("x".repeat(300) + "@portal.example")).isEmpty();
    }

    @Test
    void rejectsLocalPartsLongerThan64Characters() {
        assertThat(CanonicalEmail.of("a".repeat(64) + "@portal.example")).isPresent();
        assertThat(CanonicalEmail.of("a".repeat(65) + "@portal.example")).isEmpty();
    }

    @Test
    void sameComparesCanonicalForms() {
        assertThat(CanonicalEmail.same("Anna@Portal.Example", "  anna@portal.example ")).isTrue();
        assertThat(CanonicalEmail.same("\uff41nna@portal.example", "ANNA@PORTAL.EXAMPLE")).isTrue();
        assertThat(CanonicalEmail.same("anna@portal.example", "ben@portal.example")).isFalse();
        assertThat(CanonicalEmail.same("anna@portal.example", "anna@portal.example.org")).isFalse();
    }

    @Test
    void invalidInputsAreNeverTheSame() {
        assertThat(CanonicalEmail.same(null, null)).isFalse();
        assertThat(CanonicalEmail.same("", "")).isFalse();
        assertThat(CanonicalEmail.same("not an address", "not an address")).isFalse();
        assertThat(CanonicalEmail.same("anna@portal.example", null)).isFalse();
        assertThat(CanonicalEmail.same(null, "anna@portal.example")).isFalse();
    }

    @Test
    void maskKeepsFirstCharactersAndTopLevelDomain() {
        assertThat(CanonicalEmail.mask("anna@portal.example")).isEqualTo("a***@p***.example");
        assertThat(CanonicalEmail.mask("ben.meier@mail.portal.example")).isEqualTo("b***@m***.example");
        assertThat(CanonicalEmail.mask("a@b.c")).isEqualTo("a***@b***.c");
        assertThat(CanonicalEmail.mask("anna@localhost")).isEqualTo("a***@l***");
    }

    @Test
    void maskRevealsNeitherTheRestOfTheLocalPartNorTheHost() {
        String masked = CanonicalEmail.mask("verysecretname@hiddencompany.example");
        assertThat(masked).doesNotContain("erysecret").doesNotContain("iddencompany");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"@", "@@", "anna", "@portal.example", "anna@", "anna@.", "anna@.example", "a@b@c.example",
            ".@.", "anna@portal.", " ", "\u0000@\u0000"})
    void maskNeverThrowsOnOddInput(String odd) {
        assertThatCode(() -> CanonicalEmail.mask(odd)).doesNotThrowAnyException();
        String masked = CanonicalEmail.mask(odd);
        assertThat(masked).isNotNull();
        if (odd != null && odd.length() > 2) {
            assertThat(masked).isNotEqualTo(odd);
        }
    }

    @Test
    void maskOfNullIsEmptyAndOfSomethingWithoutLocalPartIsStars() {
        assertThat(CanonicalEmail.mask(null)).isEmpty();
        assertThat(CanonicalEmail.mask("")).isEqualTo("***");
        assertThat(CanonicalEmail.mask("@portal.example")).isEqualTo("***");
        assertThat(CanonicalEmail.mask("anna")).isEqualTo("***");
    }

    @Test
    void maskKeepsWholeCodePoints() {
        // CanonicalEmail.of accepts this address, so it can be masked on the landing page
        String email = "\ud83d\ude00nna@\ud840\udc0bortal.example";
        assertThat(CanonicalEmail.of(email)).isPresent();

        String masked = CanonicalEmail.mask(email);

        assertThat(masked).isEqualTo("\ud83d\ude00***@\ud840\udc0b***.example");
        assertThat(masked.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE)).isTrue();
    }

    /** A domain of exactly {@code length} characters, labels of 10 letters separated by dots, ending in ".example". */
    private static String domainOfLength(int length) {
        StringBuilder sb = new StringBuilder();
        String tld = ".example";
        while (sb.length() < length - tld.length()) {
            if (sb.length() > 0 && sb.length() % 11 == 10) {
                sb.append('.');
            } else {
                sb.append('x');
            }
        }
        // never end a label on a dot
        if (sb.charAt(sb.length() - 1) == '.') {
            sb.setCharAt(sb.length() - 1, 'y');
        }
        String domain = sb + tld;
        assertThat(domain).hasSize(length);
        return domain;
    }

    @ParameterizedTest
    @ValueSource(strings = {"<h1>x</h1>@portal.example", "a<b@portal.example", "anna@portal.example>", "\"anna\"@portal.example",
            "an(na)@portal.example", "an,na@portal.example", "an;na@portal.example", "an:na@portal.example",
            "an[na]@portal.example", "an\\na@portal.example", "<a/href=//evil.example>x</a>@portal.example"})
    void charactersThatNeedQuotesOrFormMarkupAreRefused(String raw) {
        assertThat(CanonicalEmail.of(raw)).isEmpty();
    }

    @Test
    void theUsualSpecialCharactersOfLocalPartsStayAllowed() {
        assertThat(CanonicalEmail.of("anna+portal@portal.example")).contains("anna+portal@portal.example");
        assertThat(CanonicalEmail.of("o'brien@portal.example")).contains("o'brien@portal.example");
        assertThat(CanonicalEmail.of("a.b-c_d!#$%&*/=?^`{|}~@portal.example")).isPresent();
    }
}

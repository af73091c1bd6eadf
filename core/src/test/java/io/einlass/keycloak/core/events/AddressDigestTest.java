package io.einlass.keycloak.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressDigestTest {

    @Test
    void isTheDocumentedRecipe() {
        // printf 'einlass:%s:%s' realm-1 nobody@example.com | sha256sum | cut -c1-32
        assertThat(AddressDigest.of("realm-1", "nobody@example.com")).isEqualTo("sha256:" + "130baf6dd280060b24bf806ea3515c51");
    }

    @Test
    void containsNoPartOfTheAddressAndDiffersPerRealm() {
        String digest = AddressDigest.of("realm-1", "nobody@example.com");
        assertThat(digest).matches("sha256:[0-9a-f]{32}").doesNotContain("nobody").doesNotContain("example");
        assertThat(AddressDigest.of("realm-2", "nobody@example.com")).isNotEqualTo(digest);
        assertThat(AddressDigest.of("realm-1", "nobody@example.com")).isEqualTo(digest);
    }
}

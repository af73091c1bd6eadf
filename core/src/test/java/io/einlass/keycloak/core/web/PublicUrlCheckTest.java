package io.einlass.keycloak.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicUrlCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://LOCALHOST", "https://id.localhost/", "http://127.0.0.1:8080",
            "http://127.1.2.3", "http://[::1]:8080", "http://0.0.0.0:8080"})
    void aProductionServerMailsNoLinksToALoopbackAddress(String url) {
        assertThat(PublicUrlCheck.mailable(URI.create(url), false, false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:8080"})
    void developmentModeAndTheServerOptionAllowThem(String url) {
        assertThat(PublicUrlCheck.mailable(URI.create(url), true, false)).isTrue();
        assertThat(PublicUrlCheck.mailable(URI.create(url), false, true)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://id.example.com", "https://login.portal.ch:8443/auth", "http://10.0.0.5:8080",
            "https://localhost.example.com", "https://my-localhost.ch"})
    void publicNamesAndPrivateNetworkAddressesAreMailable(String url) {
        assertThat(PublicUrlCheck.mailable(URI.create(url), false, false)).isTrue();
    }
}

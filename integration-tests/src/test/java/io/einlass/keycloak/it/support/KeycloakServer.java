package io.einlass.keycloak.it.support;

/** A running Keycloak with the Einlass bundle and the shipped realm; one per test JVM. */
public interface KeycloakServer extends AutoCloseable {

    /** Base URL as a browser reaches it, e.g. {@code http://localhost:18123} (no trailing slash). */
    String baseUrl();

    /** Where the server's log goes, for failure messages. */
    String logLocation();

    @Override
    void close();
}

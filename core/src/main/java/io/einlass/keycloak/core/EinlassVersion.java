package io.einlass.keycloak.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The Einlass version, as built. Factories report it to Keycloak's Server Info through
 * {@link #operationalInfo()} so operators see which bundle a server runs.
 */
public final class EinlassVersion {

    /** Version string of the running bundle, e.g. {@code 0.1.0}. */
    public static final String VERSION;
    /** Keycloak version the bundle was built and tested against. */
    public static final String KEYCLOAK_VERSION;

    static {
        Properties properties = new Properties();
        try (InputStream in = EinlassVersion.class.getResourceAsStream("/META-INF/einlass/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VERSION = properties.getProperty("version", "unknown");
        KEYCLOAK_VERSION = properties.getProperty("keycloak.version", "unknown");
    }

    private EinlassVersion() {
    }

    /** What every Einlass factory shows under "Server Info / Providers" in the admin console. */
    public static Map<String, String> operationalInfo() {
        return Map.of("einlass-version", VERSION, "built-for-keycloak", KEYCLOAK_VERSION);
    }
}

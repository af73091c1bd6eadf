package io.einlass.keycloak.core.web;

import java.net.URI;
import java.util.Locale;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.urls.UrlType;

/**
 * Refuses to mail links to a loopback address from a production server: a realm imported without
 * {@code EINLASS_PUBLIC_URL} has the frontend URL {@code http://localhost:8080}, and every link in its mails would
 * point at the reader's own computer. In development mode ({@code start-dev}) loopback URLs are normal; the server
 * option {@code --spi-realm-restapi-extension--einlass--allow-loopback-links=true} allows them in production too
 * (a benchmark on one machine).
 */
public final class PublicUrlCheck {

    /** Server option (of the {@code einlass} realm resource) that allows loopback links in production mode. */
    public static final String ALLOW_LOOPBACK_OPTION = "allow-loopback-links";

    private static final Logger LOG = Logger.getLogger(PublicUrlCheck.class);

    /** Read once from the server configuration at start-up; configuration, not state. */
    private static volatile boolean allowLoopback;

    private PublicUrlCheck() {
    }

    static void configure(boolean allowLoopbackLinks) {
        allowLoopback = allowLoopbackLinks;
    }

    /** True when mails of {@code realm} may carry links built from the current frontend URL. */
    public static boolean linksMailable(KeycloakSession session, RealmModel realm) {
        URI base = session.getContext().getUri(UrlType.FRONTEND).getBaseUri();
        if (mailable(base, Environment.isDevMode(), allowLoopback)) {
            return true;
        }
        LOG.errorf("Einlass sends no mail for realm '%s': its public URL %s is a loopback address and Keycloak runs in "
                + "production mode, so every link would point at the reader's own computer. Set the realm's Frontend URL "
                + "(EINLASS_PUBLIC_URL when importing portal-realm.json) to its public https URL.", realm.getName(),
                base.getScheme() + "://" + base.getRawAuthority());
        return false;
    }

    /** Logs the same ERROR at start-up for a realm whose configured frontend URL is a loopback address. */
    static void checkAtStartup(RealmModel realm) {
        String frontend = realm.getAttribute("frontendUrl");
        if (frontend == null || frontend.isBlank()) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(frontend.trim());
        } catch (IllegalArgumentException e) {
            LOG.errorf("Einlass: realm '%s' has an invalid Frontend URL; links in its mails will not work.", realm.getName());
            return;
        }
        if (!mailable(uri, Environment.isDevMode(), allowLoopback)) {
            LOG.errorf("Einlass sends no mail for realm '%s': its Frontend URL %s is a loopback address and Keycloak runs in "
                    + "production mode. Set it (EINLASS_PUBLIC_URL when importing portal-realm.json) to its public https URL.",
                    realm.getName(), uri.getScheme() + "://" + uri.getRawAuthority());
        }
    }

    /** The decision: links are mailable unless the host is a loopback name or address on a production server. */
    static boolean mailable(URI base, boolean devMode, boolean allowLoopbackLinks) {
        return devMode || allowLoopbackLinks || !isLoopback(base.getHost());
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("0.0.0.0")
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.equals("::");
    }
}

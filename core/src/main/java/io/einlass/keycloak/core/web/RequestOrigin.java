package io.einlass.keycloak.core.web;

import java.net.URI;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.models.KeycloakSession;

/** Whether a request says it comes from another site: the one check every Einlass POST makes before its token. */
public final class RequestOrigin {

    private RequestOrigin() {
    }

    /** True when the current request's {@code Sec-Fetch-Site} or {@code Origin} names another site. */
    public static boolean crossSite(KeycloakSession session) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        URI request = session.getContext().getUri().getBaseUri();
        String requestOrigin = request.getScheme() + "://" + request.getRawAuthority();
        return crossSite(headers.getHeaderString("Sec-Fetch-Site"), headers.getHeaderString("Origin"),
                EinlassUrls.frontendOrigin(session), requestOrigin);
    }

    /**
     * True when the browser says the request comes from another site: {@code Sec-Fetch-Site} other than
     * {@code same-origin}/{@code none}, or an {@code Origin} that is none of {@code ownOrigins}. Browsers that send
     * neither header, or {@code Origin: null}, are judged by the token alone: browsers send "null" for a
     * same-origin form post from a page with {@code Referrer-Policy: no-referrer} (as every Einlass page has), and a
     * cross-site sender still lacks the token.
     */
    static boolean crossSite(String fetchSite, String origin, String... ownOrigins) {
        if (fetchSite != null) {
            String site = fetchSite.strip().toLowerCase(Locale.ROOT);
            if (!site.equals("same-origin") && !site.equals("none")) {
                return true;
            }
        }
        if (origin == null || origin.isBlank() || origin.strip().equals("null")) {
            return false;
        }
        String o = origin.strip();
        for (String own : ownOrigins) {
            if (o.equalsIgnoreCase(own)) {
                return false;
            }
        }
        return true;
    }
}

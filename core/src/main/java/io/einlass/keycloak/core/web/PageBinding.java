package io.einlass.keycloak.core.web;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Binds a state-changing POST to the page this very browser loaded (login-CSRF defence for pages reached from a
 * link in a mail). The GET of the page sets a one-time random token twice: in a {@code SameSite=Strict},
 * {@code HttpOnly} cookie and in a hidden form field; the POST must carry both, equal. A cross-site form can
 * neither read nor send the cookie. Independently, a POST whose {@code Sec-Fetch-Site} or {@code Origin} header
 * says it comes from another site is refused. The cookie name carries a short hash of the subject (e.g. the
 * link), so a token for one link never confirms another and two open landing pages do not disturb each other.
 */
public final class PageBinding {

    /** The hidden form field that carries the token. */
    public static final String FIELD = "einlass-page-token";
    static final String COOKIE_PREFIX = "EINLASS_PAGE_";
    /** A landing page stays usable this long after it was loaded. */
    static final long LIFESPAN_SECONDS = 30 * 60;

    /** Why a POST was accepted or refused. */
    public enum Verdict {
        BOUND, CROSS_SITE, MISSING, MISMATCH;

        public boolean accepted() {
            return this == BOUND;
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public PageBinding(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** On the GET (or when a page is shown again): a new token for {@code subject}; the cookie is set here. */
    public String issue(String subject) {
        String token = SecureCodes.token(24);
        Cookies.add(session, Cookies.set(cookieName(subject), token, path(), LIFESPAN_SECONDS, Cookies.SameSite.STRICT));
        return token;
    }

    /** On the POST: checks the headers and the token; the token is used up either way. */
    public Verdict verify(String subject, String formToken) {
        Verdict verdict = RequestOrigin.crossSite(session) ? Verdict.CROSS_SITE : compare(subject, formToken);
        Cookies.add(session, Cookies.delete(cookieName(subject), path(), Cookies.SameSite.STRICT));
        return verdict;
    }

    private Verdict compare(String subject, String formToken) {
        String cookie = Cookies.read(session, cookieName(subject)).orElse(null);
        if (cookie == null || formToken == null || formToken.isEmpty()) {
            return Verdict.MISSING;
        }
        return SecureCodes.constantTimeEquals(cookie, formToken) ? Verdict.BOUND : Verdict.MISMATCH;
    }

    String cookieName(String subject) {
        return COOKIE_PREFIX + SecureCodes.hash("einlass-page:" + realm.getId() + ":" + subject).substring(0, 12).replace('-', 'x').replace('_', 'y');
    }

    private String path() {
        return Cookies.realmPath(session, realm) + EinlassUrls.SEGMENT + "/";
    }
}

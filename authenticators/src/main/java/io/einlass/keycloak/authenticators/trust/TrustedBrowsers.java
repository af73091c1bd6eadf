package io.einlass.keycloak.authenticators.trust;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.web.BrowserDescription;
import io.einlass.keycloak.core.web.Cookies;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Trusted browsers of a user: issue (after a correct OTP, box checked), check (before the OTP step), list, revoke.
 * <p>
 * The cookie is one per user ({@code EINLASS_TB_<hash of realm and user>}), so two people sharing a browser keep
 * their own trust; its value {@code <credential id>.<256-bit secret>} is opaque; the server keeps only the secret's
 * hash, and the trust's absolute end. A trust is void when it expired, when the password changed after it was
 * given, when its OTP credential was removed or replaced, or when all sessions of the user were signed out since.
 */
final class TrustedBrowsers {

    public static final String COOKIE_PREFIX = "EINLASS_TB_";
    private static final Pattern CREDENTIAL_ID = Pattern.compile("[0-9a-fA-F-]{36}");

    private final KeycloakSession session;
    private final RealmModel realm;

    public TrustedBrowsers(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public String cookieName(UserModel user) {
        return COOKIE_PREFIX + SecureCodes.hash("einlass-trusted-browser:" + realm.getId() + ":" + user.getId()).substring(0, 16);
    }

    /** The cookie path: this realm only. */
    public String cookiePath() {
        return Cookies.realmPath(session, realm);
    }

    /** The trust this browser holds for {@code user}, if it is valid for the OTP credential(s) the user has now. */
    public Optional<TrustedBrowserCredentialModel> valid(UserModel user, HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(cookieName(user));
        if (cookie == null || cookie.getValue() == null) {
            return Optional.empty();
        }
        String value = cookie.getValue();
        int dot = value.indexOf('.');
        if (dot != 36 || !CREDENTIAL_ID.matcher(value.substring(0, dot)).matches()) {
            return Optional.empty();
        }
        String secret = value.substring(dot + 1);
        if (secret.length() != 43) {
            return Optional.empty();
        }
        CredentialModel stored = user.credentialManager().getStoredCredentialById(value.substring(0, dot));
        if (stored == null || !TrustedBrowserCredentialModel.TYPE.equals(stored.getType())) {
            return Optional.empty();
        }
        TrustedBrowserCredentialModel trust = TrustedBrowserCredentialModel.from(stored);
        if (!SecureCodes.constantTimeEquals(SecureCodes.hash(secret), trust.secretHash())) {
            return Optional.empty();
        }
        return stillValid(user, trust) ? Optional.of(trust) : Optional.empty();
    }

    /** Server-side checks that do not need the cookie: expiry, password, OTP credential, "sign out everywhere". */
    boolean stillValid(UserModel user, TrustedBrowserCredentialModel trust) {
        long created = trust.getCreatedDate() == null ? 0 : trust.getCreatedDate();
        if (trust.data().expiresAt() <= Time.currentTime()) {
            return false;
        }
        CredentialModel otp = trust.data().otpCredentialId() == null ? null
                : user.credentialManager().getStoredCredentialById(trust.data().otpCredentialId());
        if (otp == null || !OTPCredentialModel.TYPE.equals(otp.getType())
                || (otp.getCreatedDate() != null && otp.getCreatedDate() > created)) {
            return false;
        }
        boolean passwordChangedSince = user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .anyMatch(p -> p.getCreatedDate() != null && p.getCreatedDate() > created);
        if (passwordChangedSince) {
            return false;
        }
        long notBefore = session.users().getNotBeforeOfUser(realm, user) * 1000L;
        return notBefore <= created;
    }

    /**
     * Trusts this browser for {@code user} and the OTP credential just used; evicts the oldest trusts beyond
     * {@code max}. Returns the Set-Cookie header value.
     */
    public String trust(UserModel user, String otpCredentialId, Duration duration, int max, BrowserDescription browser, String label) {
        String secret = SecureCodes.token(32);
        long now = Time.currentTimeMillis();
        long expiresAt = now / 1000 + duration.toSeconds();
        TrustedBrowserCredentialModel model = TrustedBrowserCredentialModel.create(SecureCodes.hash(secret),
                new TrustedBrowserCredentialModel.Data(expiresAt, otpCredentialId, browser.browser(), browser.os()), uniqueLabel(user, label), now);
        CredentialModel created = user.credentialManager().createStoredCredential(model);
        List<CredentialModel> all = user.credentialManager().getStoredCredentialsByTypeStream(TrustedBrowserCredentialModel.TYPE)
                .sorted(Comparator.comparing((CredentialModel c) -> c.getCreatedDate() == null ? 0L : c.getCreatedDate()).reversed())
                .toList();
        for (int i = Math.max(1, max); i < all.size(); i++) {
            user.credentialManager().removeStoredCredentialById(all.get(i).getId());
        }
        return cookie(cookieName(user), created.getId() + "." + secret, duration.toSeconds());
    }

    /** Keycloak requires unique credential labels per user and type: "Firefox on Windows ... (2)". */
    private static String uniqueLabel(UserModel user, String label) {
        java.util.Set<String> taken = user.credentialManager().getStoredCredentialsByTypeStream(TrustedBrowserCredentialModel.TYPE)
                .map(CredentialModel::getUserLabel).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
        String candidate = label;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = label + " (" + n + ")";
        }
        return candidate;
    }

    /** Every trusted browser of the user, newest first (expired ones included, marked by their expiry). */
    public List<TrustedBrowserCredentialModel> list(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TrustedBrowserCredentialModel.TYPE)
                .map(TrustedBrowserCredentialModel::from)
                .sorted(Comparator.comparing((TrustedBrowserCredentialModel c) -> c.getCreatedDate() == null ? 0L : c.getCreatedDate()).reversed())
                .toList();
    }

    /** Removes every trusted browser of the user; returns how many there were. */
    public int revokeAll(UserModel user) {
        List<CredentialModel> all = user.credentialManager().getStoredCredentialsByTypeStream(TrustedBrowserCredentialModel.TYPE).toList();
        all.forEach(c -> user.credentialManager().removeStoredCredentialById(c.getId()));
        return all.size();
    }

    /** Removes the trusts of the user that no longer hold (expired, OTP credential gone, password changed since). */
    public int prune(UserModel user) {
        List<TrustedBrowserCredentialModel> stale = list(user).stream().filter(t -> !stillValid(user, t)).toList();
        stale.forEach(t -> user.credentialManager().removeStoredCredentialById(t.getId()));
        return stale.size();
    }

    public boolean revoke(UserModel user, String credentialId) {
        CredentialModel stored = credentialId == null ? null : user.credentialManager().getStoredCredentialById(credentialId);
        if (stored == null || !TrustedBrowserCredentialModel.TYPE.equals(stored.getType())) {
            return false;
        }
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    /** The id of the trust whose cookie this browser holds for {@code user} (valid or not), if any. */
    public Optional<String> currentCredentialId(UserModel user) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(cookieName(user));
        if (cookie == null || cookie.getValue() == null || cookie.getValue().indexOf('.') != 36) {
            return Optional.empty();
        }
        return Optional.of(cookie.getValue().substring(0, 36));
    }

    /** The event of trusts the user (or "This wasn't me") forgot: {@code REMOVE_CREDENTIAL} with how many. */
    public void recordForgotten(UserModel user, EinlassEvents.Action action, int count) {
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.REMOVE_CREDENTIAL).user(user)
                .detail(Details.CREDENTIAL_TYPE, TrustedBrowserCredentialModel.TYPE)
                .detail(EinlassEvents.ACTION, action.value())
                .detail(EinlassEvents.COUNT, String.valueOf(count))
                .success();
    }

    /** A Set-Cookie header value that deletes the user's trust cookie in this browser. */
    public String forgetCookie(UserModel user) {
        return cookie(cookieName(user), "", 0);
    }

    private String cookie(String name, String value, long maxAge) {
        return Cookies.set(name, value, cookiePath(), maxAge, Cookies.SameSite.LAX);
    }
}

package io.einlass.keycloak.authenticators.magiclink;

import java.time.Duration;
import java.time.Instant;

import io.einlass.keycloak.core.account.UserStamp;
import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.events.EinlassEvents.Action;
import io.einlass.keycloak.core.mail.RenderedMail;
import io.einlass.keycloak.core.web.BrowserDescription;
import io.einlass.keycloak.core.web.EinlassUrls;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The one place a link is made, whether a flow step or the REST API asks for it: a 256-bit secret (only its hash is
 * stored), the record in the single-use store, the URL from the realm's frontend URL, and (for flow links) the code
 * and the match number. Rendering and sending the mail are separate, so a step renders for everyone and sends only
 * to real users.
 */
final class MagicLinkIssuer {

    /** A link just made. {@code code} and {@code match} are null for API links. */
    record Issued(LinkRecord record, String url, String code, Integer match) {

        Instant issuedAt() {
            return Instant.ofEpochSecond(record.issuedAt());
        }

        Instant expiresAt() {
            return Instant.ofEpochSecond(record.expiresAt());
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    MagicLinkIssuer(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * A link that continues the waiting attempt of {@code authSession} at {@code executionId}.
     *
     * @param userOrNull the user, or null for a ghost
     * @param deliverable whether the mail will be sent (a record of an undeliverable link names no user)
     */
    Issued forAttempt(LinkPurpose purpose, AuthenticationSessionModel authSession, String executionId, UserModel userOrNull,
                      boolean deliverable, Duration validity, BrowserDescription browser) {
        return forAttempt(purpose, authSession, executionId, userOrNull, deliverable, validity, browser, null);
    }

    /**
     * As above; {@code registerAddress} is the canonical address a {@link LinkPurpose#REGISTER} link creates the
     * account of (null for other links).
     */
    Issued forAttempt(LinkPurpose purpose, AuthenticationSessionModel authSession, String executionId, UserModel userOrNull,
                      boolean deliverable, Duration validity, BrowserDescription browser, String registerAddress) {
        long now = Time.currentTime();
        String secret = SecureCodes.token(32);
        LinkRecord record = new LinkRecord(SecureCodes.hash(secret), purpose.kind(), authSession.getClient().getId(),
                authSession.getParentSession().getId(), authSession.getTabId(), executionId,
                deliverable ? userOrNull.getId() : "", userOrNull != null ? UserStamp.of(userOrNull) : "",
                now, now + validity.toSeconds(), browser.browser() + "|" + browser.os(), null, registerAddress);
        new LinkStore(session).putLink(record, validity.toSeconds());
        String code = SecureCodes.digits(MagicLinkConfig.CODE_DIGITS);
        int match = 10 + SecureCodes.nextInt(90);
        return new Issued(record, url(secret, authSession.getClient().getClientId()), code, match);
    }

    /** A link from the REST API: confirming it leaves a first-factor grant for {@code client} and redirects. */
    Issued forApi(UserModel user, ClientModel client, String redirectUri, Duration validity) {
        long now = Time.currentTime();
        String secret = SecureCodes.token(32);
        LinkRecord record = new LinkRecord(SecureCodes.hash(secret), LinkRecord.Kind.API, client.getClientId(), null, null,
                null, user.getId(), UserStamp.of(user), now, now + validity.toSeconds(), null, redirectUri);
        new LinkStore(session).putLink(record, validity.toSeconds());
        return new Issued(record, url(secret, client.getClientId()), null, null);
    }

    /** The mail for {@code issued}, rendered in this request (for ghosts too). */
    RenderedMail render(LinkPurpose purpose, UserModel userOrNull, String address, Issued issued, boolean withCode,
                        BrowserDescription browser, ClientModel client) {
        return render(purpose, userOrNull, address, issued, withCode, browser, client, null);
    }

    /** The mail for {@code issued}; {@code recoveryFor} (masked account address) when it goes to the recovery address. */
    RenderedMail render(LinkPurpose purpose, UserModel userOrNull, String address, Issued issued, boolean withCode,
                        BrowserDescription browser, ClientModel client, String recoveryFor) {
        Duration validity = Duration.ofSeconds(issued.record().expiresAt() - issued.record().issuedAt());
        return MagicLinkMail.render(session, realm, userOrNull, new MagicLinkMail.Content(purpose, address, issued.url(),
                withCode ? issued.code() : null, validity, issued.issuedAt(), issued.expiresAt(), browser, client, recoveryFor));
    }

    /** The work of {@link #send} for a mail that goes to no one (see {@code MailDispatcher.rehearseAfterCommit}). */
    void rehearse(String address, RenderedMail mail) {
        MagicLinkMail.rehearse(session, realm, address, mail);
    }

    /**
     * Sends {@code mail} for {@code user} (null: an address without an account, for self-registration) to
     * {@code address}, retried, with an event if it never went out.
     */
    void send(LinkPurpose purpose, Action action, UserModel user, String address, RenderedMail mail) {
        MagicLinkMail.send(session, realm, purpose, action, user, address, mail);
    }

    /** The link in the mail, built from the realm's frontend URL (never from the request's Host header). */
    private String url(String secret, String clientId) {
        return EinlassUrls.build(EinlassUrls.endpoint(session, realm, MagicLinkEndpoint.SEGMENT)
                .queryParam("t", secret).queryParam("c", clientId));
    }
}

package io.einlass.keycloak.authenticators.magiclink;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.einlass.keycloak.authenticators.flow.Alternatives;
import io.einlass.keycloak.authenticators.flow.Levels;
import io.einlass.keycloak.authenticators.flow.UserlessAuthenticator;
import io.einlass.keycloak.authenticators.identify.Identification;
import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.mail.RenderedMail;
import io.einlass.keycloak.core.ratelimit.RateLimiter;
import io.einlass.keycloak.core.web.BrowserDescription;
import io.einlass.keycloak.core.web.NoStore;
import io.einlass.keycloak.core.web.UserTime;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.urls.UrlType;

/**
 * Sign-in by a link (and code) sent by mail. Sends once when the step starts (never on reload), shows the waiting
 * page, and succeeds when the current link was confirmed (in this browser, or approved from another device) or
 * the mail's code is typed here. Unknown, disabled and locked addresses go through the same work and pages; their
 * mail is rendered but never sent.
 */
final class MagicLinkAuthenticator implements UserlessAuthenticator {

    static final String TEMPLATE = "einlass-magic-link-wait.ftl";
    static final String AUTH_METHOD = MagicLinkAuthenticatorFactory.ID;

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<Identification> identification = Identification.of(context);
        if (identification.isEmpty()) {
            context.failure(AuthenticationFlowError.INTERNAL_ERROR,
                    context.form().setError("einlass.flow.identify-missing").createErrorPage(Response.Status.INTERNAL_SERVER_ERROR));
            return;
        }
        if (MagicLinkGrants.grantedFirstFactor(context)) {
            finish(context, null, "grant");
            return;
        }
        MagicLinkConfig config = MagicLinkConfig.from(context.getAuthenticatorConfig());
        Alternatives.stickToCurrent(context);
        MagicLinkAttempt attempt = attempt(context, identification.get());
        if (attempt != null && attempt.approved()) {
            finish(context, attempt, attempt.how());
            return;
        }
        if (attempt == null) {
            attempt = issue(context, config, identification.get());
            context.challenge(page(context, config, identification.get(), attempt, null, null));
            return;
        }
        // a reload: show the page again, never send again
        context.challenge(page(context, config, identification.get(), attempt, null, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (Alternatives.switchIfRequested(context)) {
            return;
        }
        Optional<Identification> identification = Identification.of(context);
        MagicLinkAttempt attempt = identification.map(id -> attempt(context, id)).orElse(null);
        if (attempt == null) {
            authenticate(context);
            return;
        }
        Identification id = identification.get();
        MagicLinkConfig config = MagicLinkConfig.from(context.getAuthenticatorConfig());
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        long now = Time.currentTime();

        if (form.containsKey("resend")) {
            long wait = attempt.lastSend() + config.cooldownBeforeResend(attempt.sends()).toSeconds() - now;
            if (wait > 0) {
                context.challenge(page(context, config, id, attempt, new FormMessage(null, "einlass.magic-link.cooldown", wait), null));
                return;
            }
            attempt = issue(context, config, id);
            context.challenge(page(context, config, id, attempt, null, attempt.limited() ? null : "einlass.magic-link.resent"));
            return;
        }
        if (attempt.approved()) {
            finish(context, attempt, attempt.how());
            return;
        }
        String code = digits(form.getFirst("code"));
        if (code == null) {
            context.challenge(page(context, config, id, attempt, new FormMessage("code", "einlass.magic-link.code-format"), null));
            return;
        }
        if (code.isEmpty()) {
            String info = form.containsKey("continue") ? "einlass.magic-link.not-yet" : null;
            FormMessage error = attempt.cancelled() ? new FormMessage(null, "einlass.magic-link.cancelled") : null;
            context.challenge(page(context, config, id, attempt, error, info));
            return;
        }
        verifyCode(context, config, id, attempt, code, now);
    }

    private void verifyCode(AuthenticationFlowContext context, MagicLinkConfig config, Identification id,
                            MagicLinkAttempt attempt, String code, long now) {
        EventBuilder event = context.getEvent().detail(EinlassEvents.AUTH_METHOD, AUTH_METHOD);
        if (!config.codeEnabled()) {
            context.challenge(page(context, config, id, attempt, new FormMessage("code", "einlass.magic-link.code-disabled"), null));
            return;
        }
        if (attempt.expired(now) || attempt.cancelled()) {
            event.detail(EinlassEvents.REASON, "expired").error(Errors.EXPIRED_CODE);
            context.challenge(page(context, config, id, attempt, new FormMessage("code", "einlass.magic-link.code-expired"), null));
            return;
        }
        if (attempt.tries() >= MagicLinkConfig.MAX_CODE_ATTEMPTS) {
            event.detail(EinlassEvents.REASON, "too_many_attempts").error(Errors.INVALID_CODE);
            context.challenge(page(context, config, id, attempt, new FormMessage("code", "einlass.magic-link.code-exhausted"), null));
            return;
        }
        UserModel user = id.user();
        if (user != null) {
            event.user(user);
        }
        boolean locked = user != null && UserlessAuthenticator.lockedOut(context, user);
        boolean matches = SecureCodes.constantTimeEquals(SecureCodes.hash(attempt.linkHash(), code), attempt.codeHash());
        if (matches && user != null && !locked) {
            LinkStore store = new LinkStore(context.getSession());
            if (!store.consume(attempt.linkHash(), attempt.expiresAt() - now)) {
                event.detail(EinlassEvents.REASON, "used").error(Errors.INVALID_CODE);
                context.challenge(page(context, config, id, attempt, new FormMessage("code", "einlass.magic-link.code-used"), null));
                return;
            }
            finish(context, attempt, "code");
            return;
        }
        attempt.wrongCode();
        event.detail(EinlassEvents.REASON, "wrong_code").error(Errors.INVALID_USER_CREDENTIALS);
        Response challenge = page(context, config, id, attempt, new FormMessage("code", "einlass.magic-link.code-wrong"), null);
        if (locked) {
            // same answer, but a locked account is not counted again
            context.forceChallenge(challenge);
        } else {
            // counted by brute-force detection as a first-factor failure (the factory's reference category)
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, challenge);
        }
    }

    private void finish(AuthenticationFlowContext context, MagicLinkAttempt attempt, String how) {
        UserModel user = context.getUser();
        if (attempt != null) {
            attempt.clear();
        }
        MagicLinkGrants.clearGrantNote(context);
        if (user == null || !user.isEnabled()) {
            context.getEvent().detail(EinlassEvents.AUTH_METHOD, AUTH_METHOD).detail(EinlassEvents.REASON, "invalid").error(Errors.USER_DISABLED);
            context.failure(AuthenticationFlowError.INVALID_USER,
                    context.form().setError("einlass.magic-link.invalid").createErrorPage(Response.Status.BAD_REQUEST));
            return;
        }
        context.getEvent().detail(EinlassEvents.AUTH_METHOD, AUTH_METHOD).detail(EinlassEvents.CONFIRMATION, how);
        Levels.reached(context, Levels.FIRST_FACTOR);
        context.success();
    }

    /** Issues a new link (superseding any older one), and sends it unless rate limits or a ghost say no. */
    private MagicLinkAttempt issue(AuthenticationFlowContext context, MagicLinkConfig config, Identification id) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = id.user();
        long now = Time.currentTime();
        Duration validity = config.validityWithin(realm.getAccessCodeLifespanLogin());

        RateLimiter limiter = new RateLimiter(session);
        String ip = context.getConnection().getRemoteAddr();
        boolean allowed = limiter.tryAcquire("ml-ip", realm.getId(), String.valueOf(ip), config.ipLimit(), config.ipWindow())
                && limiter.tryAcquire("ml-addr", realm.getId(), id.canonical(), config.addressLimit(), config.addressWindow());
        boolean locked = user != null && UserlessAuthenticator.lockedOut(context, user);
        boolean send = allowed && user != null && !locked && user.getEmail() != null;

        MagicLinkAttempt existing = attempt(context, id);
        if (!allowed && existing != null) {
            // over the limit: no new mail, and the link already sent keeps working
            existing.limited(true);
            sendEvent(context, id, user).detail(EinlassEvents.REASON, "rate_limited").error("rate_limited");
            return existing;
        }

        String secret = SecureCodes.token(32);
        String linkHash = SecureCodes.hash(secret);
        String code = SecureCodes.digits(MagicLinkConfig.CODE_DIGITS);
        int match = 10 + SecureCodes.nextInt(90);
        BrowserDescription browser = BrowserDescription.parse(context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent"));

        MagicLinkAttempt attempt = MagicLinkAttempt.start(authSession, context.getExecution().getId(), user == null ? "" : user.getId());
        attempt.issued(linkHash, SecureCodes.hash(linkHash, code), now, now + validity.toSeconds(), match);
        attempt.limited(!allowed);

        LinkRecord record = new LinkRecord(linkHash, LinkRecord.Kind.FLOW, authSession.getClient().getId(),
                authSession.getParentSession().getId(), authSession.getTabId(), context.getExecution().getId(),
                send ? user.getId() : "", user != null ? UserStamp.of(user) : "", now, now + validity.toSeconds(),
                browser.browser() + "|" + browser.os(), null);
        new LinkStore(session).putLink(linkHash, record, validity.toSeconds());

        RenderedMail mail = MagicLinkMail.render(session, realm, user, new MagicLinkMail.Content(id.typed(),
                linkUrl(session, realm, secret, authSession.getClient().getClientId()), config.codeEnabled() ? code : null, validity,
                Instant.ofEpochSecond(now), Instant.ofEpochSecond(now + validity.toSeconds()), browser, authSession.getClient()));

        EventBuilder event = sendEvent(context, id, user);
        // Unknown, locked and email-less addresses get the same kind of event as a sent mail (a success with
        // einlass_delivered=false and a reason): Keycloak's logging listener writes error events to the server log
        // and success events not, and that difference alone made unknown addresses measurably slower.
        if (!allowed) {
            event.detail(EinlassEvents.REASON, "rate_limited").error("rate_limited");
        } else if (user == null) {
            event.detail(EinlassEvents.DELIVERED, "false").detail(EinlassEvents.REASON, "unknown_address").success();
        } else if (locked) {
            event.detail(EinlassEvents.DELIVERED, "false").detail(EinlassEvents.REASON, "locked").success();
        } else if (user.getEmail() == null) {
            event.detail(EinlassEvents.DELIVERED, "false").detail(EinlassEvents.REASON, "no_email").success();
        } else {
            MagicLinkMail.send(session, realm, user.getEmail(), mail);
            event.detail(EinlassEvents.DELIVERED, "true").success();
        }
        return attempt;
    }

    private static EventBuilder sendEvent(AuthenticationFlowContext context, Identification id, UserModel user) {
        EventBuilder event = context.getEvent().clone().event(EventType.SEND_VERIFY_EMAIL)
                .detail(Details.EMAIL, id.typed())
                .detail(EinlassEvents.AUTH_METHOD, AUTH_METHOD)
                .detail(EinlassEvents.ACTION, "magic_link_sent");
        if (user != null) {
            event.user(user);
        }
        return event;
    }

    private Response page(AuthenticationFlowContext context, MagicLinkConfig config, Identification id,
                          MagicLinkAttempt attempt, FormMessage error, String info) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        long now = Time.currentTime();
        LoginFormsProvider form = context.form();
        UserTime time = UserTime.of(realm, null, session.getContext().resolveLocale(null));
        long resendAt = attempt.lastSend() + config.cooldownBeforeResend(attempt.sends()).toSeconds();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        URI status = session.getContext().getUri(UrlType.FRONTEND).getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("einlass").path("magic-link").path("status")
                .queryParam("client_id", authSession.getClient().getClientId())
                .queryParam("tab_id", authSession.getTabId())
                .build();
        form.setAttribute("einlassEmail", id.typed())
                .setAttribute("einlassValidMinutes", Math.max(0, (attempt.expiresAt() - attempt.issuedAt()) / 60))
                .setAttribute("einlassValidUntil", time.time(Instant.ofEpochSecond(attempt.expiresAt())))
                .setAttribute("einlassExpired", attempt.expired(now))
                .setAttribute("einlassCodeEnabled", config.codeEnabled())
                .setAttribute("einlassCrossDevice", config.crossDevice())
                .setAttribute("einlassMatch", attempt.match())
                .setAttribute("einlassResendIn", Math.max(0, resendAt - now))
                .setAttribute("einlassResendAt", resendAt * 1000)
                .setAttribute("einlassStatusUrl", status.toString())
                .setAttribute("einlassAlternatives", Alternatives.others(context));
        if (attempt.limited()) {
            form.addError(new FormMessage(null, "einlass.magic-link.rate-limited"));
        }
        if (error != null) {
            form.addError(error);
        }
        if (info != null && error == null && !attempt.limited()) {
            form.setInfo(info, id.typed());
        }
        return NoStore.apply(form.createForm(TEMPLATE));
    }

    private static MagicLinkAttempt attempt(AuthenticationFlowContext context, Identification id) {
        return MagicLinkAttempt.find(context.getAuthenticationSession(), context.getExecution().getId(),
                id.user() == null ? "" : id.user().getId());
    }


    /** The link in the mail, built from the realm's frontend URL (never from the request's Host header). */
    static String linkUrl(KeycloakSession session, RealmModel realm, String secret, String clientId) {
        return session.getContext().getUri(UrlType.FRONTEND).getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("einlass").path("magic-link")
                .queryParam("t", secret).queryParam("c", clientId).build().toString();
    }

    private static String digits(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (raw.length() > 32) {
            return null;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c != ' ' && c != '-') {
                return null;
            }
        }
        return sb.toString();
    }
}

package io.einlass.keycloak.authenticators.magiclink;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.einlass.keycloak.authenticators.flow.Alternatives;
import io.einlass.keycloak.authenticators.flow.FirstFactor;
import io.einlass.keycloak.authenticators.flow.Identification;
import io.einlass.keycloak.authenticators.flow.Levels;
import io.einlass.keycloak.authenticators.flow.RecoveryProofs;
import io.einlass.keycloak.authenticators.flow.UserlessAuthenticator;
import io.einlass.keycloak.core.account.AccountContacts;
import io.einlass.keycloak.core.codes.PendingCode;
import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import io.einlass.keycloak.core.mail.RenderedMail;
import io.einlass.keycloak.core.ratelimit.RateLimiter;
import io.einlass.keycloak.core.web.BrowserDescription;
import io.einlass.keycloak.core.web.EinlassUrls;
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
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A step that proves the person reads the account's mail: a link (and code) sent by mail, for signing in
 * ({@link LinkPurpose#SIGN_IN}) or for resetting the password ({@link LinkPurpose#RESET}). Sends once when the step
 * starts (never on reload), shows the waiting page, and succeeds when the current link was confirmed (in this
 * browser, or approved from another device) or the mail's code is typed here. Unknown, disabled and locked
 * addresses go through the same work and pages; their mail is rendered but never sent.
 */
final class MagicLinkAuthenticator implements UserlessAuthenticator {

    static final String TEMPLATE = "einlass-magic-link-wait.ftl";

    private final LinkPurpose purpose;
    private final String authMethod;

    MagicLinkAuthenticator(LinkPurpose purpose, String authMethod) {
        this.purpose = purpose;
        this.authMethod = authMethod;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<Identification> identification = Identification.of(context);
        if (identification.isEmpty()) {
            context.failure(AuthenticationFlowError.INTERNAL_ERROR,
                    context.form().setError("einlass.flow.identify-missing").createErrorPage(Response.Status.INTERNAL_SERVER_ERROR));
            return;
        }
        if (purpose == LinkPurpose.SIGN_IN) {
            Optional<String> established = FirstFactor.established(context);
            if (established.isPresent()) {
                finish(context, null, established.get());
                return;
            }
        }
        MagicLinkConfig config = config(context);
        Alternatives.stickToCurrent(context);
        MagicLinkAttempt attempt = attempt(context, identification.get());
        if (attempt != null && attempt.approved()) {
            finish(context, attempt, attempt.how());
            return;
        }
        if (attempt == null) {
            attempt = issue(context, config, identification.get());
        }
        // a reload shows the page again and never sends again
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
        MagicLinkConfig config = config(context);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        long now = Time.currentTime();

        if (form.containsKey("resend")) {
            long wait = attempt.lastSend() + config.cooldownBeforeResend(attempt.sends()).toSeconds() - now;
            if (wait > 0) {
                context.challenge(page(context, config, id, attempt, new FormMessage(null, "einlass.magic-link.cooldown", wait), null));
                return;
            }
            attempt = issue(context, config, id);
            context.challenge(page(context, config, id, attempt, null, attempt.limited() ? null : purpose.resentKey()));
            return;
        }
        if (attempt.approved()) {
            finish(context, attempt, attempt.how());
            return;
        }
        String code = PendingCode.digits(form.getFirst("code"));
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
        EventBuilder event = context.getEvent().detail(EinlassEvents.AUTH_METHOD, authMethod);
        if (!config.codeEnabled()) {
            context.challenge(page(context, config, id, attempt, new FormMessage("code", "einlass.magic-link.code-disabled"), null));
            return;
        }
        if (attempt.expired(now) || attempt.cancelled()) {
            event.detail(EinlassEvents.REASON, Reason.EXPIRED.value()).error(Errors.EXPIRED_CODE);
            context.challenge(page(context, config, id, attempt, new FormMessage("code", "einlass.magic-link.code-expired"), null));
            return;
        }
        LinkStore store = new LinkStore(context.getSession());
        // a try is taken before the code is compared, atomically in the cluster-wide store: parallel requests on any
        // node never get more than MAX_CODE_ATTEMPTS comparisons of one link's code
        // a code that would create an account counts nowhere in brute-force detection (there is no user yet): its
        // tries are also capped per address and day, cluster-wide, however many links are requested
        boolean registrationCode = id.user() == null && attempt.registrationAddress() != null;
        if (!store.takeCodeTry(attempt.linkHash(), MagicLinkConfig.MAX_CODE_ATTEMPTS, attempt.expiresAt() - now)
                || registrationCode && !SelfRegistration.takeCodeTry(context.getSession(), context.getRealm(), attempt.registrationAddress())) {
            event.detail(EinlassEvents.REASON, Reason.TOO_MANY_ATTEMPTS.value()).error(Errors.INVALID_CODE);
            context.challenge(page(context, config, id, attempt, new FormMessage("code", "einlass.magic-link.code-exhausted"), null));
            return;
        }
        UserModel user = id.user();
        if (user != null) {
            event.user(user);
        }
        boolean locked = user != null && UserlessAuthenticator.lockedOut(context, user);
        boolean matches = SecureCodes.constantTimeEquals(SecureCodes.hash(attempt.linkHash(), code), attempt.codeHash());
        String recoveryLink = attempt.recoveryLinkHash();
        boolean matchesRecovery = recoveryLink != null
                && SecureCodes.constantTimeEquals(SecureCodes.hash(recoveryLink, code), attempt.recoveryCodeHash());
        boolean registering = user == null && attempt.registrationAddress() != null;
        if ((matches || matchesRecovery) && (user != null || registering) && !locked) {
            String used = matches ? attempt.linkHash() : recoveryLink;
            if (!store.consume(used, attempt.expiresAt() - now)) {
                event.detail(EinlassEvents.REASON, Reason.USED.value()).error(Errors.INVALID_CODE);
                context.challenge(page(context, config, id, attempt, new FormMessage("code", "einlass.magic-link.code-used"), null));
                return;
            }
            attempt.approve(used, "code");
            finish(context, attempt, "code");
            return;
        }
        event.detail(EinlassEvents.REASON, Reason.WRONG_CODE.value()).error(Errors.INVALID_USER_CREDENTIALS);
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
        RecoveryProofs.Channel channel = attempt != null && attempt.approvedByRecoveryAddress()
                ? RecoveryProofs.Channel.RECOVERY_EMAIL : RecoveryProofs.Channel.PRIMARY_EMAIL;
        String registration = attempt == null ? null : attempt.registrationAddress();
        if (attempt != null) {
            attempt.clear();
        }
        if (user == null && registration != null
                && Identification.of(context).map(Identification::canonical).filter(registration::equals).isPresent()) {
            // the confirmed link (or code) of an address without an account: only now is the account created
            user = SelfRegistration.create(context, config(context), registration).orElse(null);
            if (user != null) {
                context.setUser(user);
                String typed = Identification.of(context).map(Identification::typed).orElse(registration);
                Identification.record(context, typed, registration, user);
            }
        }
        FirstFactor.clear(context);
        if (user == null || !user.isEnabled()) {
            context.getEvent().detail(EinlassEvents.AUTH_METHOD, authMethod).detail(EinlassEvents.REASON, Reason.INVALID.value())
                    .error(Errors.USER_DISABLED);
            context.failure(AuthenticationFlowError.INVALID_USER,
                    context.form().setError("einlass.magic-link.invalid").createErrorPage(Response.Status.BAD_REQUEST));
            return;
        }
        context.getEvent().detail(EinlassEvents.AUTH_METHOD, authMethod).detail(EinlassEvents.CONFIRMATION, how);
        if (attempt != null && channel == RecoveryProofs.Channel.PRIMARY_EMAIL && !user.isEmailVerified()) {
            // the link or code came from the sign-in address's mailbox: that proves the address, as a verification mail would
            user.setEmailVerified(true);
            context.getEvent().detail(EinlassEvents.EMAIL_VERIFIED, "true");
        }
        if (purpose == LinkPurpose.RESET) {
            RecoveryProofs.record(context.getAuthenticationSession(), user.getId(), channel);
            context.getEvent().detail(EinlassEvents.CHANNEL, channel.value());
        }
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
        Duration validity = purpose.validityWithin(config.validity(), realm);

        RateLimiter limiter = new RateLimiter(session);
        String ip = context.getConnection().getRemoteAddr();
        boolean allowed = limiter.tryAcquire("ml-ip", realm.getId(), String.valueOf(ip), config.ipLimit(), config.ipWindow())
                && limiter.tryAcquire("ml-addr", realm.getId(), id.canonical(), config.addressLimit(), config.addressWindow());
        boolean locked = user != null && UserlessAuthenticator.lockedOut(context, user);
        boolean send = allowed && user != null && !locked && user.getEmail() != null;
        // self-registration: an address without any account gets a link that creates it (whether there is an
        // account comes from the email step's one look-up: no second look-up that unknown addresses would pay more for)
        boolean register = purpose == LinkPurpose.SIGN_IN && SelfRegistration.open(realm, config) && allowed
                && user == null && Identification.noAccount(context);
        LinkPurpose linkPurpose = register ? LinkPurpose.REGISTER : purpose;

        MagicLinkAttempt existing = attempt(context, id);
        if (!allowed && existing != null) {
            // over the limit: no new mail, and the link already sent keeps working
            existing.limited(true);
            sendEvent(context, purpose, id, user).detail(EinlassEvents.REASON, Reason.RATE_LIMITED.value()).error(Reason.RATE_LIMITED.value());
            return existing;
        }

        BrowserDescription browser = BrowserDescription.parse(context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent"));
        MagicLinkIssuer issuer = new MagicLinkIssuer(session, realm);
        MagicLinkIssuer.Issued issued = issuer.forAttempt(linkPurpose, authSession, context.getExecution().getId(), user, send,
                validity, browser, register ? id.canonical() : null);

        MagicLinkAttempt attempt = MagicLinkAttempt.start(authSession, context.getExecution().getId(), user == null ? "" : user.getId());
        String linkHash = issued.record().hash();
        attempt.issued(linkHash, SecureCodes.hash(linkHash, issued.code()), now, issued.record().expiresAt(), issued.match());
        attempt.limited(!allowed);
        if (register) {
            attempt.registers(id.canonical());
        }

        RenderedMail mail = issuer.render(linkPurpose, user, id.typed(), issued, config.codeEnabled(), browser, authSession.getClient());
        // a reset also goes to the account's confirmed recovery address, with a link and code of its own (so the end
        // of the reset knows which address proved the person); made and rendered for every address alike
        String recoveryAddress = null;
        RenderedMail recoveryMail = null;
        if (purpose == LinkPurpose.RESET) {
            recoveryAddress = user == null ? null : AccountContacts.recoveryEmail(user).orElse(null);
            MagicLinkIssuer.Issued second = issuer.forAttempt(purpose, authSession, context.getExecution().getId(), user,
                    send && recoveryAddress != null, validity, browser);
            attempt.issuedToRecoveryAddress(second.record().hash(), SecureCodes.hash(second.record().hash(), second.code()));
            recoveryMail = issuer.render(purpose, user, recoveryAddress == null ? id.typed() : recoveryAddress, second,
                    config.codeEnabled(), browser, authSession.getClient(), CanonicalEmail.mask(id.typed()));
        }

        EventBuilder event = sendEvent(context, linkPurpose, id, user);
        // Unknown, locked and email-less addresses get the same kind of event as a sent mail (a success with
        // einlass_delivered=false and a reason): Keycloak's logging listener writes error events to the server log
        // and success events not, and that difference alone made unknown addresses measurably slower.
        if (!allowed) {
            event.detail(EinlassEvents.REASON, Reason.RATE_LIMITED.value()).error(Reason.RATE_LIMITED.value());
        } else if (register) {
            issuer.send(linkPurpose, linkPurpose.sendAction(), null, id.canonical(), mail);
            event.detail(EinlassEvents.DELIVERED, "true").success();
        } else if (user == null || locked || user.getEmail() == null) {
            // no mail, but the same work for the mail thread as one (its load after the request would tell otherwise)
            issuer.rehearse(id.canonical(), mail);
            Reason reason = user == null ? Reason.UNKNOWN_ADDRESS : locked ? Reason.LOCKED : Reason.NO_EMAIL;
            event.detail(EinlassEvents.DELIVERED, "false").detail(EinlassEvents.REASON, reason.value()).success();
        } else {
            issuer.send(purpose, purpose.sendAction(), user, user.getEmail(), mail);
            if (recoveryAddress != null) {
                issuer.send(purpose, purpose.sendAction(), user, recoveryAddress, recoveryMail);
                event.detail(EinlassEvents.RECOVERY_EMAIL, CanonicalEmail.mask(recoveryAddress));
            }
            event.detail(EinlassEvents.DELIVERED, "true").success();
        }
        return attempt;
    }

    private EventBuilder sendEvent(AuthenticationFlowContext context, LinkPurpose sent, Identification id, UserModel user) {
        EventBuilder event = context.getEvent().clone().event(sent.sendEvent())
                .detail(Details.EMAIL, id.forEvents(context.getRealm()))
                .detail(EinlassEvents.AUTH_METHOD, authMethod)
                .detail(EinlassEvents.ACTION, sent.sendAction().value());
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
        String status = EinlassUrls.build(EinlassUrls.endpoint(session, realm, MagicLinkEndpoint.SEGMENT, "status")
                .queryParam("client_id", authSession.getClient().getClientId())
                .queryParam("tab_id", authSession.getTabId()));
        form.setAttribute("einlassEmail", id.typed())
                .setAttribute("einlassPurpose", purpose.name().toLowerCase(java.util.Locale.ROOT))
                .setAttribute("einlassSentKey", purpose.sentKey())
                .setAttribute("einlassValidMinutes", Math.max(0, (attempt.expiresAt() - attempt.issuedAt()) / 60))
                .setAttribute("einlassValidUntil", time.time(Instant.ofEpochSecond(attempt.expiresAt())))
                .setAttribute("einlassExpired", attempt.expired(now))
                .setAttribute("einlassCodeEnabled", config.codeEnabled())
                .setAttribute("einlassCrossDevice", config.crossDevice())
                .setAttribute("einlassMatch", attempt.match())
                .setAttribute("einlassResendIn", Math.max(0, resendAt - now))
                .setAttribute("einlassResendAt", resendAt * 1000)
                .setAttribute("einlassStatusUrl", status)
                .setAttribute("einlassAlternatives", Alternatives.others(context));
        if (attempt.limited()) {
            form.addError(new FormMessage(null, "einlass.magic-link.rate-limited"));
        }
        if (error != null) {
            form.addError(error);
        }
        if (info != null && error == null && !attempt.limited()) {
            // never user input in a page message: Keycloak renders messages as (sanitized) markup after decoding
            // entities, so an address typed as "<h1>..." would become a heading; the page shows the address itself
            form.setInfo(info);
        }
        return NoStore.apply(form.createForm(TEMPLATE));
    }

    private MagicLinkConfig config(AuthenticationFlowContext context) {
        return MagicLinkConfig.from(context.getAuthenticatorConfig(), purpose.defaultValidityMinutes());
    }

    private static MagicLinkAttempt attempt(AuthenticationFlowContext context, Identification id) {
        return MagicLinkAttempt.find(context.getAuthenticationSession(), context.getExecution().getId(),
                id.user() == null ? "" : id.user().getId());
    }
}

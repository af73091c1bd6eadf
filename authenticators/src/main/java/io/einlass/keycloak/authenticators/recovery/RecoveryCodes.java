package io.einlass.keycloak.authenticators.recovery;

import java.io.IOException;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.einlass.keycloak.authenticators.flow.RecoveryProofs.Channel;
import io.einlass.keycloak.authenticators.flow.UserlessAuthenticator;
import io.einlass.keycloak.core.account.AccountContacts;
import io.einlass.keycloak.core.codes.PendingCode;
import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import io.einlass.keycloak.core.mail.MailDispatcher;
import io.einlass.keycloak.core.mail.MailRenderer;
import io.einlass.keycloak.core.mail.RenderedMail;
import io.einlass.keycloak.core.phone.PhoneNumbers;
import io.einlass.keycloak.core.ratelimit.RateLimiter;
import io.einlass.keycloak.core.sms.SmsDispatcher;
import io.einlass.keycloak.core.web.BrowserDescription;
import io.einlass.keycloak.core.web.UserTime;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.theme.Theme;

/**
 * A 6-digit recovery code to one of the account's confirmed channels (SMS to the recovery phone, mail to the
 * primary or the recovery address), and the check of the typed code. The target is always read from the account
 * on the server, never from the request. Everyone gets the same work and page: for an unknown address, a
 * disabled or locked account, or a channel the account does not have, the code is made and rendered but goes
 * nowhere. Sending happens after commit, off the request thread. Every send is capped, cluster-wide, before it
 * goes out: per reset, per number or account, per IP address, and SMS per realm day.
 */
final class RecoveryCodes {

    /** What became of a request for a code. Only {@link #SENT} and {@link #NOT_SENT} look alike to the person. */
    enum Sent {
        SENT, NOT_SENT, SESSION_LIMIT, RATE_LIMITED, BUDGET_EXHAUSTED;

        /** The message the page shows, or null (the ordinary "if ..., we sent" text). */
        String messageKey() {
            return switch (this) {
                case SESSION_LIMIT -> "einlass.recovery-code.session-limit";
                case RATE_LIMITED -> "einlass.recovery-code.rate-limited";
                default -> null;
            };
        }
    }

    /** The check of a typed code. */
    enum Check {
        OK, FORMAT, EXPIRED, EXHAUSTED, WRONG;

        String messageKey() {
            return "einlass.recovery-code.code-" + name().toLowerCase(Locale.ROOT);
        }
    }

    private final AuthenticationFlowContext context;
    private final String notes;
    private final String tries;

    /**
     * @param notes auth-note prefix of this step's code ({@code einlass.rs.})
     * @param tries single-use store prefix of its tries ({@code einlass:rs:try:})
     */
    RecoveryCodes(AuthenticationFlowContext context, String notes, String tries) {
        this.context = context;
        this.notes = notes;
        this.tries = tries;
    }

    static String userKey(UserModel userOrNull) {
        return userOrNull == null ? "" : userOrNull.getId();
    }

    PendingCode pending(UserModel userOrNull) {
        return PendingCode.find(context.getAuthenticationSession(), notes, userKey(userOrNull));
    }

    /** Seconds until another code may be requested (0: now). */
    long waitBeforeNext(RecoveryCodeConfig config) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        long next = PendingCode.lastSend(authSession, notes) + config.cooldownAfter(PendingCode.sends(authSession, notes)).toSeconds();
        return Math.max(0, next - Time.currentTime());
    }

    /** Where {@code channel} reaches {@code user} (from the account, confirmed only), or empty. */
    static Optional<String> target(UserModel userOrNull, Channel channel) {
        if (userOrNull == null) {
            return Optional.empty();
        }
        return switch (channel) {
            case PHONE -> AccountContacts.verifiedPhone(userOrNull);
            case RECOVERY_EMAIL -> AccountContacts.recoveryEmail(userOrNull);
            case PRIMARY_EMAIL -> Optional.ofNullable(userOrNull.getEmail()).filter(e -> !e.isBlank());
        };
    }

    /** The target as a page may show it to someone who already proved another channel. */
    static String masked(Channel channel, String target) {
        return channel == Channel.PHONE ? PhoneNumbers.mask(target).replace(' ', '\u00A0') : CanonicalEmail.mask(target);
    }

    /**
     * Makes a new code for {@code channel} (replacing any older one) and sends it when the account has that channel
     * and nothing stops it. {@code rateSubject} stands for the account in the rate limits (the canonical address).
     */
    Sent send(RecoveryCodeConfig config, Channel channel, UserModel userOrNull, String rateSubject) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<String> target = target(userOrNull, channel);
        boolean locked = userOrNull != null && UserlessAuthenticator.lockedOut(context, userOrNull);
        boolean deliverable = userOrNull != null && userOrNull.isEnabled() && !locked && target.isPresent();

        RateLimiter limiter = new RateLimiter(session);
        String attempt = authSession.getParentSession().getId() + ":" + authSession.getTabId();
        String subject = target.orElse(rateSubject == null ? "" : rateSubject);
        Sent outcome = Sent.SENT;
        if (!limiter.tryAcquire("rc-session", realm.getId(), attempt, RecoveryCodeConfig.CODES_PER_SESSION, Duration.ofDays(1))) {
            outcome = Sent.SESSION_LIMIT;
        } else if (!limiter.tryAcquire("rc-ip", realm.getId(), String.valueOf(context.getConnection().getRemoteAddr()),
                RecoveryCodeConfig.CODES_PER_IP_PER_HOUR, Duration.ofHours(1))
                || (channel == Channel.PHONE
                    ? !limiter.tryAcquire("rc-number", realm.getId(), subject, RecoveryCodeConfig.SMS_PER_NUMBER_PER_HOUR, Duration.ofHours(1))
                    : !limiter.tryAcquire("rc-account", realm.getId(), userOrNull == null ? subject : userOrNull.getId(),
                        RecoveryCodeConfig.MAILS_PER_ACCOUNT_PER_HOUR, Duration.ofHours(1)))) {
            outcome = Sent.RATE_LIMITED;
        } else if (deliverable && channel == Channel.PHONE
                && !limiter.tryAcquire("rc-budget", realm.getId(), "realm", config.smsDailyBudget(), Duration.ofDays(1))) {
            outcome = Sent.BUDGET_EXHAUSTED;
        }
        EventBuilder event = event(channel, userOrNull);
        if (outcome == Sent.SESSION_LIMIT || outcome == Sent.RATE_LIMITED) {
            Reason reason = outcome == Sent.SESSION_LIMIT ? Reason.SESSION_LIMIT : Reason.RATE_LIMITED;
            event.detail(EinlassEvents.REASON, reason.value()).error(reason.value());
            return outcome;
        }

        String code = SecureCodes.digits(RecoveryCodeConfig.CODE_DIGITS);
        long now = Time.currentTime();
        PendingCode.issue(authSession, notes, userKey(userOrNull), channel.value(), code, now, now + config.validity().toSeconds());
        boolean send = deliverable && outcome == Sent.SENT;
        if (channel == Channel.PHONE) {
            String text = smsText(code, config.validity());
            if (send) {
                String userId = userOrNull.getId();
                String masked = PhoneNumbers.mask(target.get());
                String ip = context.getConnection().getRemoteAddr();
                new SmsDispatcher(session).sendAfterCommit(realm, target.get(), text, (s, r, failure) ->
                        new EventBuilder(r, s).event(EventType.SEND_RESET_PASSWORD_ERROR)
                                .user(userId).ipAddress(ip).detail(EinlassEvents.ACTION, EinlassEvents.Action.RESET_CODE_SENT.value())
                                .detail(EinlassEvents.CHANNEL, Channel.PHONE.value()).detail(EinlassEvents.PHONE, masked)
                                .detail(EinlassEvents.REASON, failure.reason().value()).error(failure.reason().value()));
            }
        } else {
            RenderedMail mail = mail(code, config.validity(), userOrNull, channel);
            if (send) {
                String userId = userOrNull.getId();
                String masked = masked(channel, target.get());
                String ip = context.getConnection().getRemoteAddr();
                new MailDispatcher(session).sendAfterCommit(realm, target.get(), mail, MailDispatcher.Delivery.retried((s, r, why) ->
                        new EventBuilder(r, s).event(EventType.SEND_RESET_PASSWORD)
                                .user(userId).ipAddress(ip).detail(EinlassEvents.ACTION, EinlassEvents.Action.RESET_CODE_SENT.value())
                                .detail(EinlassEvents.CHANNEL, channel.value()).detail(EinlassEvents.RECOVERY_EMAIL, masked)
                                .detail(EinlassEvents.REASON, EinlassEvents.Reason.DELIVERY_FAILED.value())
                                .error(EinlassEvents.Reason.DELIVERY_FAILED.value())));
            }
        }
        if (outcome == Sent.BUDGET_EXHAUSTED) {
            event.detail(EinlassEvents.REASON, Reason.BUDGET_EXHAUSTED.value()).error(Reason.BUDGET_EXHAUSTED.value());
            return outcome;
        }
        // as for reset links: undeliverable requests are successes with einlass_delivered=false, never errors (whose
        // log lines alone would make them measurably slower)
        if (send) {
            event.detail(EinlassEvents.DELIVERED, "true");
            target.ifPresent(t -> event.detail(channel == Channel.PHONE ? EinlassEvents.PHONE : EinlassEvents.RECOVERY_EMAIL, masked(channel, t)));
        } else {
            Reason reason = userOrNull == null ? Reason.UNKNOWN_ADDRESS : locked ? Reason.LOCKED : !userOrNull.isEnabled() ? Reason.INVALID
                    : Reason.NO_CHANNEL;
            event.detail(EinlassEvents.DELIVERED, "false").detail(EinlassEvents.REASON, reason.value());
        }
        event.success();
        return send ? Sent.SENT : Sent.NOT_SENT;
    }

    /** Checks a typed code; a try is taken before the comparison. {@code OK} only for a real, usable account. */
    Check check(UserModel userOrNull, String typed) {
        PendingCode pending = pending(userOrNull);
        String code = PendingCode.digits(typed);
        if (pending == null || code == null || code.length() != RecoveryCodeConfig.CODE_DIGITS) {
            return Check.FORMAT;
        }
        long now = Time.currentTime();
        if (pending.expiresAt() <= now) {
            return Check.EXPIRED;
        }
        if (!pending.takeTry(context.getSession().singleUseObjects(), tries, RecoveryCodeConfig.MAX_TRIES, now)) {
            return Check.EXHAUSTED;
        }
        boolean usable = userOrNull != null && userOrNull.isEnabled() && !UserlessAuthenticator.lockedOut(context, userOrNull)
                && Channel.of(pending.target()) != null && target(userOrNull, Channel.of(pending.target())).isPresent();
        return pending.matches(code) && usable ? Check.OK : Check.WRONG;
    }

    /** The channel the pending code went to, if there is one. */
    Optional<Channel> pendingChannel(UserModel userOrNull) {
        PendingCode pending = pending(userOrNull);
        return pending == null ? Optional.empty() : Optional.ofNullable(Channel.of(pending.target()));
    }

    void clear(UserModel userOrNull) {
        PendingCode pending = pending(userOrNull);
        if (pending != null) {
            pending.clear();
        }
    }

    private EventBuilder event(Channel channel, UserModel userOrNull) {
        EventBuilder event = context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD)
                .detail(EinlassEvents.ACTION, EinlassEvents.Action.RESET_CODE_SENT.value())
                .detail(EinlassEvents.CHANNEL, channel.value());
        if (userOrNull != null) {
            event.user(userOrNull);
        }
        return event;
    }

    private String smsText(String code, Duration validity) {
        KeycloakSession session = context.getSession();
        Locale locale = session.getContext().resolveLocale(null);
        String pattern = "{0} is your code to reset the password for {1}. Valid for {2} minutes. Never share it.";
        try {
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(context.getRealm(), locale);
            pattern = messages.getProperty("einlass.recovery-code.sms", pattern);
        } catch (IOException e) {
            // the English default
        }
        return new MessageFormat(pattern, locale).format(new Object[] {code, realmName(context.getRealm()), validity.toMinutes()});
    }

    private RenderedMail mail(String code, Duration validity, UserModel userOrNull, Channel channel) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        MailRenderer renderer = new MailRenderer(session);
        Locale locale = session.getContext().resolveLocale(null);
        UserTime time = UserTime.of(realm, userOrNull, locale);
        BrowserDescription browser = BrowserDescription.parse(context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent"));
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("code", code);
        attributes.put("validMinutes", validity.toMinutes());
        attributes.put("validUntil", time.time(now.plus(validity)));
        attributes.put("requestedAt", time.dateTime(now));
        attributes.put("browser", browser.browser());
        attributes.put("os", browser.os());
        attributes.put("browserKnown", browser.isKnown());
        attributes.put("firstName", userOrNull != null && userOrNull.getFirstName() != null ? userOrNull.getFirstName() : "");
        attributes.put("recoveryFor", channel == Channel.RECOVERY_EMAIL && userOrNull != null && userOrNull.getEmail() != null
                ? CanonicalEmail.mask(userOrNull.getEmail()) : "");
        return renderer.render(realm, locale, "einlass.recovery-code.mail.subject", List.of(realmName(realm)), "einlass-recovery-code.ftl",
                attributes);
    }

    private static String realmName(RealmModel realm) {
        return realm.getDisplayName() != null && !realm.getDisplayName().isBlank() ? realm.getDisplayName() : realm.getName();
    }
}

package io.einlass.keycloak.requiredactions.recoveryphone;

import java.io.IOException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.einlass.keycloak.core.account.AccountContacts;
import io.einlass.keycloak.core.codes.PendingCode;
import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Action;
import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import io.einlass.keycloak.core.mail.MailRenderer;
import io.einlass.keycloak.core.phone.PhoneNumbers;
import io.einlass.keycloak.core.ratelimit.RateLimiter;
import io.einlass.keycloak.core.sms.SmsException;
import io.einlass.keycloak.core.sms.SmsGateway;
import io.einlass.keycloak.core.web.NoStore;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.theme.Theme;

/**
 * "Add a recovery phone" (seed 002): a mobile number of an allowed country, confirmed by a 6-digit SMS code; only
 * then stored ({@code phoneNumber}, {@code phoneNumberVerified}). The code is kept as a salted hash, compared in
 * constant time, has 5 tries, and expires. Resend replaces it after a growing cooldown; a reload never sends. SMS
 * pumping is capped per sign-in, number, IP and realm day, cluster-wide. A gateway failure shows a clear page,
 * verifies nothing and counts nothing against the person (their sign-in, network and number caps).
 */
final class RecoveryPhoneAction implements RequiredActionProvider {

    static final String TEMPLATE = "einlass-recovery-phone.ftl";
    static final String FIELD_NUMBER = "phone";
    static final String FIELD_CODE = "code";
    static final String NOTE_NOT_NOW = "einlass.recovery-phone.not-now";
    /** Auth-note prefix of the pending code. */
    static final String NOTES = "einlass.rp.";
    private static final String TRY = "einlass:rp:try:";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if ("true".equals(context.getAuthenticationSession().getAuthNote(NOTE_NOT_NOW))) {
            context.ignore();
            return;
        }
        // a reload shows where the person is; it never sends an SMS
        PendingCode pending = PendingCode.find(context.getAuthenticationSession(), NOTES, context.getUser().getId());
        RecoveryPhoneConfig config = RecoveryPhoneConfig.from(context.getConfig());
        context.challenge(pending == null ? numberPage(context, config, null, null) : codePage(context, config, pending, null, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        RecoveryPhoneConfig config = RecoveryPhoneConfig.from(context.getConfig());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        PendingCode pending = PendingCode.find(authSession, NOTES, user.getId());
        if (form.containsKey("not-now") && config.notNow() && !appInitiated(context)) {
            authSession.setAuthNote(NOTE_NOT_NOW, "true");
            context.challenge(Response.seeOther(UriBuilder.fromUri(context.getActionUrl()).replaceQueryParam("session_code").build()).build());
            return;
        }
        if (form.containsKey("remove")) {
            remove(context);
            return;
        }
        if (form.containsKey("change-number")) {
            if (pending != null) {
                pending.clear();
            }
            context.challenge(numberPage(context, config, null, null));
            return;
        }
        if (form.containsKey("resend") && pending != null) {
            long wait = PendingCode.lastSend(authSession, NOTES) + config.cooldownBeforeResend(PendingCode.sends(authSession, NOTES)).toSeconds() - Time.currentTime();
            if (wait > 0) {
                event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, Action.RECOVERY_PHONE_CODE_SENT, pending.target())
                        .detail(EinlassEvents.REASON, Reason.COOLDOWN.value()).error(Reason.COOLDOWN.value());
                context.challenge(codePage(context, config, pending, new FormMessage(null, "einlass.recovery-phone.cooldown", wait), null));
                return;
            }
            send(context, config, pending.target());
            return;
        }
        if (form.containsKey(FIELD_CODE) && pending != null) {
            verify(context, config, pending, form.getFirst(FIELD_CODE));
            return;
        }
        if (form.containsKey(FIELD_NUMBER)) {
            String raw = form.getFirst(FIELD_NUMBER);
            PhoneRules.Verdict verdict = PhoneRules.check(raw, config, AccountContacts.verifiedPhone(user));
            if (!verdict.accepted()) {
                event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, Action.RECOVERY_PHONE_CODE_SENT,
                        verdict.number() == null ? null : verdict.number().e164())
                        .detail(EinlassEvents.REASON, verdict.refusal().reason.value()).error(verdict.refusal().reason.value());
                context.challenge(numberPage(context, config, raw, new FormMessage(FIELD_NUMBER, verdict.refusal().message)));
                return;
            }
            send(context, config, verdict.number().e164());
            return;
        }
        requiredActionChallenge(context);
    }

    /** Sends a new code to {@code number}, within the caps; a gateway failure shows the failure page and stores no code. */
    private void send(RequiredActionContext context, RecoveryPhoneConfig config, String number) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        RateLimiter limiter = new RateLimiter(session);
        String attempt = authSession.getParentSession().getId() + ":" + authSession.getTabId();
        // the person's slots (sign-in, network, number) are given back when the gateway is down (outage()): an
        // outage counts nothing against them. The realm's daily budget stays spent (a timed-out SMS may be billed).
        List<RateLimiter.Slot> taken = new ArrayList<>();
        Reason capped = null;
        if (!take(taken, limiter.acquire("rp-session", realm.getId(), attempt, RecoveryPhoneConfig.SMS_PER_SESSION, Duration.ofDays(1)))) {
            capped = Reason.SESSION_LIMIT;
        } else if (!take(taken, limiter.acquire("rp-ip", realm.getId(), String.valueOf(context.getConnection().getRemoteAddr()),
                RecoveryPhoneConfig.SMS_PER_IP_PER_HOUR, Duration.ofHours(1)))
                || !take(taken, limiter.acquire("rp-number", realm.getId(), number, RecoveryPhoneConfig.SMS_PER_NUMBER_PER_HOUR, Duration.ofHours(1)))) {
            capped = Reason.RATE_LIMITED;
        } else if (!limiter.tryAcquire("rp-budget", realm.getId(), "realm", config.dailyBudget(), Duration.ofDays(1))) {
            capped = Reason.BUDGET_EXHAUSTED;
        }
        if (capped != null) {
            event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, Action.RECOVERY_PHONE_CODE_SENT, number)
                    .detail(EinlassEvents.REASON, capped.value()).error(capped.value());
            String message = switch (capped) {
                case SESSION_LIMIT -> "einlass.recovery-phone.session-limit";
                case BUDGET_EXHAUSTED -> "einlass.recovery-phone.unavailable";
                default -> "einlass.recovery-phone.rate-limited";
            };
            context.challenge(failurePage(context, message));
            return;
        }
        SmsGateway gateway = session.getProvider(SmsGateway.class);
        String code = SecureCodes.digits(RecoveryPhoneConfig.CODE_DIGITS);
        long now = Time.currentTime();
        try {
            if (gateway == null) {
                throw new SmsException(SmsException.Reason.NOT_CONFIGURED, 0, "no gateway");
            }
            gateway.send(number, smsText(context, code, config.codeValidity()));
        } catch (SmsException e) {
            if (outage(e)) {
                taken.forEach(limiter::giveBack);
            }
            EventBuilder failed = event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, Action.RECOVERY_PHONE_CODE_SENT, number)
                    .detail(EinlassEvents.REASON, e.reason().value());
            if (e.status() > 0) {
                failed.detail(EinlassEvents.GATEWAY_STATUS, String.valueOf(e.status()));
            }
            failed.error(e.reason().value());
            context.challenge(failurePage(context, "einlass.recovery-phone.send-failed"));
            return;
        }
        PendingCode pending = PendingCode.issue(authSession, NOTES, context.getUser().getId(), number, code, now, now + config.codeValidity().toSeconds());
        event(context, EventType.CUSTOM_REQUIRED_ACTION, Action.RECOVERY_PHONE_CODE_SENT, number).success();
        context.challenge(codePage(context, config, pending, null, "einlass.recovery-phone.sent"));
    }

    /**
     * The gateway is down or unset (5xx, timeout, no connection, no gateway): the person's slots are given back. A
     * 4xx answer is about this number or this request (a number the provider refuses, a recipient who replied STOP):
     * those keep counting, or one session could spend the realm's whole daily budget on sends that always fail.
     */
    static boolean outage(SmsException e) {
        return !(e.reason() == SmsException.Reason.REJECTED && e.status() >= 400 && e.status() < 500);
    }

    private static boolean take(List<RateLimiter.Slot> taken, Optional<RateLimiter.Slot> slot) {
        slot.ifPresent(taken::add);
        return slot.isPresent();
    }

    private void verify(RequiredActionContext context, RecoveryPhoneConfig config, PendingCode pending, String typed) {
        String code = PendingCode.digits(typed);
        if (code == null || code.length() != RecoveryPhoneConfig.CODE_DIGITS) {
            context.challenge(codePage(context, config, pending, new FormMessage(FIELD_CODE, "einlass.recovery-phone.code-format"), null));
            return;
        }
        long now = Time.currentTime();
        if (pending.expiresAt() <= now) {
            event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, Action.RECOVERY_PHONE_ADDED, pending.target())
                    .detail(EinlassEvents.REASON, Reason.EXPIRED.value()).error(Reason.EXPIRED.value());
            context.challenge(codePage(context, config, pending, new FormMessage(FIELD_CODE, "einlass.recovery-phone.code-expired"), null));
            return;
        }
        if (!pending.takeTry(context.getSession().singleUseObjects(), TRY, RecoveryPhoneConfig.MAX_CODE_TRIES, now)) {
            event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, Action.RECOVERY_PHONE_ADDED, pending.target())
                    .detail(EinlassEvents.REASON, Reason.TOO_MANY_ATTEMPTS.value()).error(Reason.TOO_MANY_ATTEMPTS.value());
            context.challenge(codePage(context, config, pending, new FormMessage(FIELD_CODE, "einlass.recovery-phone.code-exhausted"), null));
            return;
        }
        if (!pending.matches(code)) {
            event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, Action.RECOVERY_PHONE_ADDED, pending.target())
                    .detail(EinlassEvents.REASON, Reason.WRONG_CODE.value()).error(Reason.WRONG_CODE.value());
            RealmModel realm = context.getRealm();
            if (realm.isBruteForceProtected()) {
                // counted like a wrong password: temporary lockout only, never the permanent "secondary factor" one
                context.getSession().getProvider(BruteForceProtector.class).failedLogin(realm, context.getUser(),
                        context.getConnection(), context.getUriInfo(), Set.of(PasswordCredentialModel.TYPE));
            }
            context.challenge(codePage(context, config, pending, new FormMessage(FIELD_CODE, "einlass.recovery-phone.code-wrong"), null));
            return;
        }
        UserModel user = context.getUser();
        Optional<String> previous = AccountContacts.verifiedPhone(user);
        user.setSingleAttribute(AccountContacts.PHONE_NUMBER, pending.target());
        user.setSingleAttribute(AccountContacts.PHONE_NUMBER_VERIFIED, "true");
        previous.ifPresent(p -> context.getSession().setAttribute(AccountContacts.PREVIOUS_PHONE_NUMBER, p));
        EventBuilder event = event(context, EventType.UPDATE_PROFILE,
                previous.isPresent() ? Action.RECOVERY_PHONE_CHANGED : Action.RECOVERY_PHONE_ADDED, pending.target());
        previous.ifPresent(p -> event.detail(EinlassEvents.PREVIOUS_PHONE, PhoneNumbers.mask(p)));
        event.success();
        pending.clear();
        context.success();
    }

    private void remove(RequiredActionContext context) {
        UserModel user = context.getUser();
        Optional<String> previous = AccountContacts.verifiedPhone(user);
        String stored = user.getFirstAttribute(AccountContacts.PHONE_NUMBER);
        if (previous.isEmpty() && stored == null) {
            context.challenge(numberPage(context, RecoveryPhoneConfig.from(context.getConfig()), null,
                    new FormMessage(null, "einlass.recovery-phone.none")));
            return;
        }
        user.removeAttribute(AccountContacts.PHONE_NUMBER);
        user.removeAttribute(AccountContacts.PHONE_NUMBER_VERIFIED);
        context.getSession().setAttribute(AccountContacts.PREVIOUS_PHONE_NUMBER, previous.orElse(stored));
        event(context, EventType.UPDATE_PROFILE, Action.RECOVERY_PHONE_REMOVED, null)
                .detail(EinlassEvents.PREVIOUS_PHONE, PhoneNumbers.mask(previous.orElse(stored))).success();
        context.success();
    }

    private String smsText(RequiredActionContext context, String code, Duration validity) {
        KeycloakSession session = context.getSession();
        Locale locale = new MailRenderer(session).localeFor(context.getUser());
        String realmName = context.getRealm().getDisplayName() != null && !context.getRealm().getDisplayName().isBlank()
                ? context.getRealm().getDisplayName() : context.getRealm().getName();
        String pattern = "{0} is your code for {1}. Valid for {2} minutes. Never share it.";
        try {
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(context.getRealm(), locale);
            pattern = messages.getProperty("einlass.recovery-phone.sms", pattern);
        } catch (IOException e) {
            // the English default
        }
        return new MessageFormat(pattern, locale).format(new Object[] {code, realmName, validity.toMinutes()});
    }

    private Response numberPage(RequiredActionContext context, RecoveryPhoneConfig config, String value, FormMessage error) {
        LoginFormsProvider form = base(context, config).setAttribute("einlassStep", "number")
                .setAttribute("einlassValue", value == null ? "" : value.strip());
        if (error != null) {
            form.addError(error);
        }
        return NoStore.apply(form.createForm(TEMPLATE));
    }

    private Response codePage(RequiredActionContext context, RecoveryPhoneConfig config, PendingCode pending, FormMessage error, String info) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        long now = Time.currentTime();
        long resendAt = PendingCode.lastSend(authSession, NOTES) + config.cooldownBeforeResend(PendingCode.sends(authSession, NOTES)).toSeconds();
        boolean sessionLeft = PendingCode.sends(authSession, NOTES) < RecoveryPhoneConfig.SMS_PER_SESSION;
        LoginFormsProvider form = base(context, config).setAttribute("einlassStep", "code")
                .setAttribute("einlassSentTo", shown(pending.target()))
                .setAttribute("einlassValidMinutes", Math.max(1, config.codeValidity().toMinutes()))
                .setAttribute("einlassResendIn", Math.max(0, resendAt - now))
                .setAttribute("einlassResendLeft", sessionLeft);
        if (error != null) {
            form.addError(error);
        } else if (info != null) {
            form.setInfo(info);
        }
        return NoStore.apply(form.createForm(TEMPLATE));
    }

    private Response failurePage(RequiredActionContext context, String message) {
        return NoStore.apply(base(context, RecoveryPhoneConfig.from(context.getConfig())).setAttribute("einlassStep", "failed")
                .addError(new FormMessage(null, message)).createForm(TEMPLATE));
    }

    private LoginFormsProvider base(RequiredActionContext context, RecoveryPhoneConfig config) {
        boolean aia = appInitiated(context);
        return context.form()
                .setAttribute("einlassCurrentPhone", AccountContacts.verifiedPhone(context.getUser()).map(RecoveryPhoneAction::shown).orElse(null))
                .setAttribute("einlassNotNow", config.notNow() && !aia)
                .setAttribute("einlassAppInitiated", aia);
    }

    private static EventBuilder event(RequiredActionContext context, EventType type, Action action, String number) {
        EventBuilder event = context.getEvent().clone().event(type).detail(EinlassEvents.ACTION, action.value());
        if (number != null) {
            event.detail(EinlassEvents.PHONE, PhoneNumbers.mask(number));
        }
        return event;
    }

    /** The masked number as a page shows it: kept on one line. */
    static String shown(String e164) {
        return PhoneNumbers.mask(e164).replace(' ', '\u00A0');
    }

    private static boolean appInitiated(RequiredActionContext context) {
        return RecoveryPhoneActionFactory.ID.equals(context.getAuthenticationSession().getClientNote(Constants.KC_ACTION));
    }

    @Override
    public void close() {
    }
}

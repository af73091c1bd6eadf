package io.einlass.keycloak.requiredactions.recoveryemail;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.account.AccountContacts;
import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Action;
import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import io.einlass.keycloak.core.mail.MailDispatcher;
import io.einlass.keycloak.core.mail.MailRenderer;
import io.einlass.keycloak.core.mail.RenderedMail;
import io.einlass.keycloak.core.ratelimit.RateLimiter;
import io.einlass.keycloak.core.web.NoStore;
import io.einlass.keycloak.core.web.UserTime;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * "Add a recovery email" (seed 002): one address, different from the login address; a confirmation link goes to
 * the new address only, and only its confirmation stores it ({@link RecoveryEmailEndpoint}). The same page changes
 * or removes the address. As an application-initiated action ({@code kc_action=einlass-recovery-email}) Keycloak
 * asks for the sign-in again past the action's {@code max_auth_age}; the Einlass flows then ask for the second factor
 * too (a trusted browser never stands in for it).
 */
final class RecoveryEmailAction implements RequiredActionProvider {

    static final String TEMPLATE = "einlass-recovery-email.ftl";
    static final String FIELD = "recovery-email";
    /** Auth note: "Not now" was chosen in this sign-in. */
    static final String NOTE_NOT_NOW = "einlass.recovery-email.not-now";

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
        context.challenge(form(context, null, null).createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        RecoveryEmailConfig config = RecoveryEmailConfig.from(context.getConfig());
        if (form.containsKey("continue")) {
            context.success();
            return;
        }
        if (form.containsKey("not-now") && config.notNow() && !appInitiated(context)) {
            context.getAuthenticationSession().setAuthNote(NOTE_NOT_NOW, "true");
            // back to the action page without the form's session code: Keycloak asks the action for its page again,
            // and the action skips itself for this sign-in
            context.challenge(Response.seeOther(jakarta.ws.rs.core.UriBuilder.fromUri(context.getActionUrl())
                    .replaceQueryParam("session_code").build()).build());
            return;
        }
        if (form.containsKey("remove")) {
            remove(context);
            return;
        }
        send(context, config, form.getFirst(FIELD));
    }

    private void send(RequiredActionContext context, RecoveryEmailConfig config, String typed) {
        UserModel user = context.getUser();
        RealmModel realm = context.getRealm();
        String raw = typed == null ? "" : typed.strip();
        Optional<String> canonical = raw.length() > CanonicalEmail.MAX_LENGTH ? Optional.empty() : CanonicalEmail.of(raw);
        if (raw.isEmpty() || canonical.isEmpty()) {
            refuse(context, raw, raw.isEmpty() ? "einlass.recovery-email.missing" : "einlass.recovery-email.invalid", Reason.EMAIL_INVALID);
            return;
        }
        if (CanonicalEmail.same(canonical.get(), user.getEmail())) {
            refuse(context, raw, "einlass.recovery-email.same-as-login", Reason.SAME_AS_PRIMARY);
            return;
        }
        if (AccountContacts.recoveryEmail(user).filter(canonical.get()::equals).isPresent()) {
            refuse(context, raw, "einlass.recovery-email.already", Reason.INVALID);
            return;
        }
        RateLimiter limiter = new RateLimiter(context.getSession());
        Duration hour = Duration.ofHours(1);
        if (!limiter.tryAcquire("re-user", realm.getId(), user.getId(), RecoveryEmailConfig.MAILS_PER_HOUR, hour)
                || !limiter.tryAcquire("re-addr", realm.getId(), canonical.get(), RecoveryEmailConfig.MAILS_PER_HOUR, hour)) {
            refuse(context, raw, "einlass.recovery-email.rate-limited", Reason.RATE_LIMITED);
            return;
        }
        KeycloakSession session = context.getSession();
        RecoveryEmailLinks.Issued issued = new RecoveryEmailLinks(session, realm).issue(user, canonical.get(), config.linkValidity());
        RenderedMail mail = RecoveryEmailMail.confirmation(session, realm, user, canonical.get(), issued);
        new MailDispatcher(session).sendAfterCommit(realm, canonical.get(), mail,
                MailDispatcher.Delivery.retried((s, r, reason) -> new EventBuilder(r, s).event(EventType.SEND_VERIFY_EMAIL)
                        .user(user.getId())
                        .detail(EinlassEvents.ACTION, Action.RECOVERY_EMAIL_CONFIRMATION_SENT.value())
                        .detail(EinlassEvents.RECOVERY_EMAIL, CanonicalEmail.mask(canonical.get()))
                        .detail(EinlassEvents.REASON, Reason.DELIVERY_FAILED.value())
                        .error(Reason.DELIVERY_FAILED.value())));
        context.getEvent().clone().event(EventType.SEND_VERIFY_EMAIL)
                .detail(EinlassEvents.ACTION, Action.RECOVERY_EMAIL_CONFIRMATION_SENT.value())
                .detail(EinlassEvents.RECOVERY_EMAIL, CanonicalEmail.mask(canonical.get()))
                .success();
        UserTime time = UserTime.of(realm, user, session.getContext().resolveLocale(user));
        context.challenge(NoStore.apply(form(context, null, null)
                .setAttribute("einlassSent", true)
                .setAttribute("einlassSentTo", canonical.get())
                .setAttribute("einlassValidHours", Math.max(1, config.linkValidity().toHours()))
                .setAttribute("einlassValidMinutes", config.linkValidity().toMinutes())
                .setAttribute("einlassValidUntil", time.dateTime(Instant.ofEpochSecond(issued.pending().expiresAt())))
                .createForm(TEMPLATE)));
    }

    private void remove(RequiredActionContext context) {
        UserModel user = context.getUser();
        Optional<String> previous = AccountContacts.recoveryEmail(user);
        if (previous.isEmpty()) {
            context.challenge(form(context, null, "einlass.recovery-email.none").createForm(TEMPLATE));
            return;
        }
        user.removeAttribute(AccountContacts.RECOVERY_EMAIL);
        changed(context.getSession(), context.getEvent().clone(), user, Action.RECOVERY_EMAIL_REMOVED, previous.get(), null);
        context.success();
    }

    /** Records a change of the recovery address; the notification listener tells the addresses concerned. */
    static void changed(KeycloakSession session, EventBuilder event, UserModel user, Action action, String previous, String now) {
        if (previous != null) {
            session.setAttribute(AccountContacts.PREVIOUS_RECOVERY_EMAIL, previous);
            event.detail(EinlassEvents.PREVIOUS_RECOVERY_EMAIL, CanonicalEmail.mask(previous));
        }
        if (now != null) {
            event.detail(EinlassEvents.RECOVERY_EMAIL, CanonicalEmail.mask(now));
        }
        event.event(EventType.UPDATE_PROFILE).user(user).detail(EinlassEvents.ACTION, action.value()).success();
    }

    private void refuse(RequiredActionContext context, String typed, String message, Reason reason) {
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR)
                .detail(EinlassEvents.ACTION, Action.RECOVERY_EMAIL_CONFIRMATION_SENT.value())
                .detail(EinlassEvents.REASON, reason.value())
                .error(reason == Reason.RATE_LIMITED ? reason.value() : Errors.INVALID_EMAIL);
        Map<String, String> values = new HashMap<>();
        values.put(FIELD, typed);
        context.challenge(form(context, values, null).addError(new FormMessage(FIELD, message)).createForm(TEMPLATE));
    }

    private LoginFormsProvider form(RequiredActionContext context, Map<String, String> values, String info) {
        UserModel user = context.getUser();
        RecoveryEmailConfig config = RecoveryEmailConfig.from(context.getConfig());
        boolean aia = appInitiated(context);
        LoginFormsProvider form = context.form()
                .setAttribute("einlassRecoveryEmail", AccountContacts.recoveryEmail(user).map(CanonicalEmail::mask).orElse(null))
                .setAttribute("einlassLoginEmail", user.getEmail() == null ? "" : user.getEmail())
                .setAttribute("einlassValue", values == null ? "" : values.getOrDefault(FIELD, ""))
                .setAttribute("einlassNotNow", config.notNow() && !aia)
                .setAttribute("einlassAppInitiated", aia)
                .setAttribute("einlassValidHours", Math.max(1, config.linkValidity().toHours()))
                .setAttribute("einlassSent", false);
        if (info != null) {
            form.setInfo(info);
        }
        return form;
    }

    private static boolean appInitiated(RequiredActionContext context) {
        // Keycloak keeps the app's request (kc_action) in a client note while the action runs
        return RecoveryEmailActionFactory.ID.equals(context.getAuthenticationSession().getClientNote(Constants.KC_ACTION));
    }

    @Override
    public void close() {
    }

    static List<String> fields() {
        return List.of(FIELD);
    }
}

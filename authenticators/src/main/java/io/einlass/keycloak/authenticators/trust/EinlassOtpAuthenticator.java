package io.einlass.keycloak.authenticators.trust;

import java.util.Locale;
import java.util.Optional;

import io.einlass.keycloak.authenticators.flow.Levels;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.web.BrowserDescription;
import io.einlass.keycloak.core.web.UserTime;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.authentication.FlowStatus;
import org.keycloak.authentication.authenticators.browser.OTPFormAuthenticator;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.freemarker.model.TotpLoginBean;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.validation.Validation;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.theme.Theme;

/**
 * Keycloak's OTP form, plus: the "Trust this browser for N days" checkbox (when the flow has a trusted-browser step
 * and the client does not demand the second factor on every sign-in), level of authentication 2 after a correct code, and a time limit between the
 * first step and the code (seed 003: 15 minutes). Validation, non-reuse of codes and brute-force counting are
 * Keycloak's own.
 */
final class EinlassOtpAuthenticator extends OTPFormAuthenticator {

    static final String TEMPLATE = "einlass-otp.ftl";
    static final String FIELD_TRUST = "trustBrowser";
    /** Keycloak's field for the chosen authenticator app (users with several). */
    static final String FIELD_CREDENTIAL = "selectedCredentialId";

    /**
     * Keycloak offers credential-based steps first, so this step runs before the trusted-browser step next to it.
     * With a valid trust it steps aside (the trusted-browser step then completes the factor, without "otp" in
     * {@code amr}); otherwise it marks that step as done, so it is neither run nor offered as "another way".
     */
    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (tooLate(context)) {
            return;
        }
        Optional<TrustConfig> trust = TrustStep.configNextTo(context);
        if (trust.isPresent() && TrustStep.denial(context) == null) {
            var valid = new TrustedBrowsers(context.getSession(), context.getRealm())
                    .valid(context.getUser(), context.getHttpRequest().getHttpHeaders());
            if (valid.isPresent()) {
                // checked once: the trusted-browser step runs next in this same request and takes the result
                context.getSession().setAttribute(TrustedBrowserAuthenticator.VERIFIED_IN_REQUEST, valid.get().getId());
                context.attempted();
                return;
            }
        }
        TrustStep.stepNextTo(context).ifPresent(step ->
                context.getAuthenticationSession().setExecutionStatus(step.getId(), AuthenticationSessionModel.ExecutionStatus.ATTEMPTED));
        prepare(context, null);
        super.authenticate(context);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (tooLate(context)) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        boolean trustRequested = form.containsKey(FIELD_TRUST);
        Optional<TrustConfig> trust = offer(context);
        prepare(context, trustRequested);
        if (form.getFirst("otp") != null
                && AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser()) == null
                && !ownAuthenticatorOrNone(context.getUser(), form.getFirst(FIELD_CREDENTIAL))) {
            // Keycloak's validateOTP dereferences the chosen credential unchecked (a NullPointerException that loses
            // the sign-in): a choice that is not one of this user's authenticator apps is answered as a wrong code.
            // Without a code, or for a locked-out user, Keycloak's own answer comes first (no extra failure counted).
            context.getEvent().user(context.getUser()).error(Errors.INVALID_USER_CREDENTIALS);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                    challenge(context, Messages.INVALID_TOTP, Validation.FIELD_OTP_CODE));
            return;
        }
        validateOTP(context);
        if (context.getStatus() != FlowStatus.SUCCESS) {
            return;
        }
        Levels.reached(context, Levels.SECOND_FACTOR);
        if (trustRequested && trust.isPresent()) {
            trustThisBrowser(context, trust.get(), form.getFirst(FIELD_CREDENTIAL));
        }
    }

    /** No choice sent, or the id of one of {@code user}'s authenticator apps. */
    static boolean ownAuthenticatorOrNone(UserModel user, String credentialId) {
        // empty, not blank: Keycloak's validateOTP takes only an empty choice as "none" and looks up " " as an id
        if (credentialId == null || credentialId.isEmpty()) {
            return true;
        }
        CredentialModel credential = user.credentialManager().getStoredCredentialById(credentialId);
        return credential != null && OTPCredentialModel.TYPE.equals(credential.getType());
    }

    private void trustThisBrowser(AuthenticationFlowContext context, TrustConfig config, String selectedCredentialId) {
        UserModel user = context.getUser();
        String otpCredentialId = selectedCredentialId;
        if (otpCredentialId == null || otpCredentialId.isBlank()
                || user.credentialManager().getStoredCredentialById(otpCredentialId) == null) {
            OTPCredentialModel fallback = getCredentialProvider(context.getSession()).getDefaultCredential(context.getSession(), context.getRealm(), user);
            otpCredentialId = fallback == null ? null : fallback.getId();
        }
        if (otpCredentialId == null) {
            return;
        }
        BrowserDescription browser = BrowserDescription.parse(context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent"));
        Locale locale = context.getSession().getContext().resolveLocale(user);
        String label = label(context, browser, locale, config);
        TrustedBrowsers browsers = new TrustedBrowsers(context.getSession(), context.getRealm());
        String cookie = browsers.trust(user, otpCredentialId, config.duration(), config.maxBrowsers(), browser, label);
        context.getSession().getContext().getHttpResponse().addHeader("Set-Cookie", cookie);
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(user)
                .detail(Details.CREDENTIAL_TYPE, TrustedBrowserCredentialModel.TYPE)
                .detail(EinlassEvents.ACTION, EinlassEvents.Action.TRUSTED_BROWSER_ADDED.value())
                .detail(EinlassEvents.TRUSTED_DAYS, String.valueOf(config.days()))
                .success();
    }

    private static String label(AuthenticationFlowContext context, BrowserDescription browser, Locale locale, TrustConfig config) {
        String until = UserTime.of(context.getRealm(), context.getUser(), locale)
                .date(java.time.Instant.ofEpochSecond(Time.currentTime() + config.duration().toSeconds()));
        try {
            var messages = context.getSession().theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(context.getRealm(), locale);
            String pattern = messages.getProperty(browser.isKnown() ? "einlass.trust.label" : "einlass.trust.label-unknown", "{0} ({1}) - {2}");
            return new java.text.MessageFormat(pattern, locale).format(new Object[] {browser.browser(), browser.os(), until});
        } catch (java.io.IOException e) {
            return browser.browser() + " (" + browser.os() + ") - " + until;
        }
    }

    /** Page attributes: the OTP credentials, and the trust checkbox when it is offered. */
    private void prepare(AuthenticationFlowContext context, Boolean trustChecked) {
        LoginFormsProvider form = context.form();
        String selected = context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD_CREDENTIAL);
        boolean usable = selected != null && !selected.isBlank() && ownAuthenticatorOrNone(context.getUser(), selected);
        form.setAttribute("otpLogin", new TotpLoginBean(context.getSession(), context.getRealm(), context.getUser(),
                usable ? selected : null)); // a forged choice is not echoed into the page
        Optional<TrustConfig> trust = offer(context);
        form.setAttribute("einlassTrustOffered", trust.isPresent());
        trust.ifPresent(config -> form.setAttribute("einlassTrustDays", config.days())
                .setAttribute("einlassTrustChecked", trustChecked != null ? trustChecked : config.checkedByDefault()));
    }

    /** The trust config when the checkbox may be offered in this sign-in. */
    private static Optional<TrustConfig> offer(AuthenticationFlowContext context) {
        return TrustStep.configNextTo(context).filter(config -> TrustStep.offerable(context));
    }

    private static boolean tooLate(AuthenticationFlowContext context) {
        long firstFactorAt = Levels.firstFactorAt(context);
        OtpConfig config = OtpConfig.from(context.getAuthenticatorConfig());
        if (firstFactorAt < 0 || Time.currentTime() - firstFactorAt <= config.timeLimit().toSeconds()) {
            return false;
        }
        context.getEvent().user(context.getUser()).detail(EinlassEvents.REASON, EinlassEvents.Reason.SECOND_STEP_TIMEOUT.value())
                .error(EinlassEvents.Reason.SECOND_STEP_TIMEOUT.value());
        Response page = context.form().setError("einlass.otp.too-late", config.timeLimit().toMinutes())
                .createErrorPage(Response.Status.BAD_REQUEST);
        context.forceChallenge(page);
        return true;
    }

    @Override
    protected Response createLoginForm(LoginFormsProvider form) {
        return form.createForm(TEMPLATE);
    }
}

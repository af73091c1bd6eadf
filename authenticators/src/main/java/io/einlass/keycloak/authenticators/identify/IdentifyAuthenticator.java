package io.einlass.keycloak.authenticators.identify;

import java.util.Optional;

import io.einlass.keycloak.authenticators.flow.Accounts;
import io.einlass.keycloak.authenticators.flow.FirstFactorGrant;
import io.einlass.keycloak.authenticators.flow.Identification;
import io.einlass.keycloak.authenticators.flow.PasskeySignIn;
import io.einlass.keycloak.authenticators.flow.UserlessAuthenticator;
import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.Details;
import org.keycloak.forms.login.freemarker.model.IdentityProviderBean;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.organization.forms.login.freemarker.model.OrganizationAwareIdentityProviderBean;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.resources.LoginActionsService;

/**
 * Email-first identification that does not reveal which accounts exist. Known, unknown, disabled and service
 * accounts all get the same answer; unknown ones continue as a "ghost" that the next steps treat alike. In the
 * reset-credentials flow ("Forgot password?") the same page asks for the address to send the reset link to.
 */
final class IdentifyAuthenticator implements UserlessAuthenticator {

    static final String FIELD = "email";
    static final String TEMPLATE = "einlass-identify.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        boolean reset = resetFlow(context);
        UserModel preset = context.getUser();
        if (preset != null && !reset) {
            // single sign-on, a re-authentication, or a previous step already knows the user
            String email = preset.getEmail() != null ? preset.getEmail() : preset.getUsername();
            Identification.record(context, email, CanonicalEmail.of(email).orElse(email), preset);
            context.success();
            return;
        }
        if (!reset) {
            Optional<UserModel> granted = FirstFactorGrant.redeem(context);
            if (granted.isPresent()) {
                UserModel user = granted.get();
                Identification.record(context, user.getEmail(), CanonicalEmail.of(user.getEmail()).orElse(user.getEmail()), user);
                context.success();
                return;
            }
        }
        MultivaluedMap<String, String> formData = new MultivaluedHashMap<>();
        // "Forgot password?" from the password page: the address typed there (for users and ghosts alike);
        // otherwise the app's login_hint when it is an address
        String typed = reset ? Identification.of(context).map(Identification::typed).orElse(null) : null;
        String hint = typed != null ? typed : context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        if (hint != null && !hint.isBlank() && CanonicalEmail.of(hint).isPresent()) {
            formData.add(FIELD, hint.strip());
        }
        context.challenge(form(context, formData, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        if (!resetFlow(context) && PasskeySignIn.isAnswer(formData) && PasskeySignIn.offered(context)) {
            PasskeySignIn.verify(context, ctx -> form(ctx, new MultivaluedHashMap<>(), null));
            return;
        }
        String typed = Optional.ofNullable(formData.getFirst(FIELD)).map(String::strip).orElse("");
        if (typed.isEmpty()) {
            context.getEvent().error(Reason.EMAIL_MISSING.value());
            context.failureChallenge(AuthenticationFlowError.INVALID_USER,
                    form(context, formData, new FormMessage(FIELD, "einlass.identify.missing")));
            return;
        }
        Optional<String> canonical = CanonicalEmail.of(typed);
        if (canonical.isEmpty()) {
            context.getEvent().error(Reason.EMAIL_INVALID.value());
            context.failureChallenge(AuthenticationFlowError.INVALID_USER,
                    form(context, formData, new FormMessage(FIELD, "einlass.identify.invalid")));
            return;
        }
        Accounts.Lookup lookup = Accounts.lookup(context.getSession(), context.getRealm(), canonical.get());
        UserModel user = lookup.usable();
        if (resetFlow(context)) {
            // the sign-in may have known another user (or a ghost) before "Forgot password?": this address decides
            context.clearUser();
        }
        Identification.record(context, typed, canonical.get(), user);
        if (!lookup.anyAccount()) {
            Identification.recordNoAccount(context);
        }
        context.getEvent().detail(Details.USERNAME, new Identification(typed, canonical.get(), user).forEvents(context.getRealm()));
        if (routedToOrganization(context, canonical.get())) {
            return;
        }
        context.success();
    }

    /**
     * The organization of the address's domain (for everyone of that domain alike) becomes the sign-in's; where it
     * sends its domain to an identity provider, the sign-in goes on there. True when the person was sent away.
     */
    private static boolean routedToOrganization(AuthenticationFlowContext context, String canonical) {
        var authSession = context.getAuthenticationSession();
        Optional<OrganizationModel> organization = OrganizationRouting.organizationOf(context.getSession(), context.getRealm(), canonical);
        if (organization.isEmpty()) {
            // an organization of an address typed before in this sign-in no longer applies
            authSession.removeAuthNote(OrganizationRouting.ORGANIZATION_NOTE);
            return false;
        }
        authSession.setAuthNote(OrganizationRouting.ORGANIZATION_NOTE, organization.get().getId());
        if (resetFlow(context)) {
            return false;
        }
        Optional<IdentityProviderModel> provider = OrganizationRouting.homeProvider(organization.get(), canonical);
        if (provider.isEmpty()) {
            return false;
        }
        // known or not, the provider signs the person in: no account of this realm is set before it does
        context.clearUser();
        context.forceChallenge(OrganizationRouting.redirectTo(context, provider.get(), canonical));
        return true;
    }

    /** True in the reset-credentials flow ("Forgot password?"), false in a sign-in. */
    static boolean resetFlow(AuthenticationFlowContext context) {
        return LoginActionsService.RESET_CREDENTIALS_PATH.equals(
                context.getAuthenticationSession().getAuthNote(AuthenticationProcessor.CURRENT_FLOW_PATH));
    }

    private static Response form(AuthenticationFlowContext context, MultivaluedMap<String, String> formData, FormMessage error) {
        String value = formData.getFirst(FIELD);
        var form = context.form().setFormData(formData)
                .setAttribute("einlassEmailValue", value == null ? "" : value.strip())
                .setAttribute("einlassReset", resetFlow(context));
        if (error != null) {
            form.addError(error);
        }
        if (context.getRealm().isOrganizationsEnabled()) {
            // as on Keycloak's identity-first page: the realm's own providers; an organization's are reached by domain
            form.setAttributeMapper(attributes -> {
                attributes.computeIfPresent("social", (key, bean) ->
                        new OrganizationAwareIdentityProviderBean((IdentityProviderBean) bean, false, true));
                return attributes;
            });
        }
        if (!resetFlow(context)) {
            PasskeySignIn.offer(context);
        }
        return form.createForm(TEMPLATE);
    }
}

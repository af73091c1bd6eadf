package io.einlass.keycloak.authenticators.identify;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.utils.Organizations;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Identity-first routing by Keycloak's organizations. The <em>domain</em> of the typed address decides, never the
 * account: every address of an organization's domain, known or not, is treated alike, so the answer tells nothing
 * about which addresses have accounts.
 * <ul>
 * <li>The organization whose domain the address has becomes the sign-in's organization (Keycloak's own auth note
 * {@value #ORGANIZATION_NOTE}), so the theme can show its branding and tokens carry it, for members and strangers
 * alike.</li>
 * <li>Where the organization links an identity provider with Keycloak's "Redirect when email domain matches" for that
 * domain, the sign-in goes on at that provider, with the address as login hint.</li>
 * </ul>
 */
final class OrganizationRouting {

    /** Keycloak's auth note of the sign-in's organization (see {@code OrganizationModel.ORGANIZATION_ATTRIBUTE}). */
    static final String ORGANIZATION_NOTE = OrganizationModel.ORGANIZATION_ATTRIBUTE;

    private OrganizationRouting() {
    }

    /** The enabled organization whose domain {@code canonicalEmail} has, where the realm uses organizations. */
    static Optional<OrganizationModel> organizationOf(KeycloakSession session, RealmModel realm, String canonicalEmail) {
        if (!realm.isOrganizationsEnabled()) {
            return Optional.empty();
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        String domain = Organizations.getEmailDomain(canonicalEmail);
        if (organizations == null || domain == null || !organizations.hasOrganizations()) {
            return Optional.empty();
        }
        OrganizationModel organization;
        try {
            organization = organizations.getByDomainName(domain);
        } catch (ModelValidationException e) {
            // Keycloak refuses to look up what is no domain name for it (e.g. bidi or combining characters, which an
            // address may have): no organization has it, as for any other address
            return Optional.empty();
        }
        return Optional.ofNullable(organization)
                .map(org -> Organizations.resolveByDomain(List.of(org), domain))
                .filter(OrganizationModel::isEnabled);
    }

    /**
     * The organization's identity provider that addresses of this domain are sent to: enabled, "Redirect when email
     * domain matches" set, its domain the matching one (or any), the domain not excluded.
     */
    static Optional<IdentityProviderModel> homeProvider(OrganizationModel organization, String canonicalEmail) {
        String domain = Organizations.getEmailDomain(canonicalEmail);
        OrganizationDomainModel matching = Organizations.getMatchingDomain(domain, organization);
        if (matching == null) {
            return Optional.empty();
        }
        return organization.getIdentityProviders()
                .filter(IdentityProviderModel::isEnabled)
                .filter(OrganizationModel.IdentityProviderRedirectMode.EMAIL_MATCH::isSet)
                .filter(idp -> servesDomain(idp, domain, matching.getName()))
                .findFirst();
    }

    private static boolean servesDomain(IdentityProviderModel idp, String domain, String matchingDomain) {
        String brokerDomain = idp.getConfig().get(OrganizationModel.ORGANIZATION_DOMAIN_ATTRIBUTE);
        if (brokerDomain == null) {
            return false;
        }
        String excluded = idp.getConfig().get(OrganizationModel.ORGANIZATION_EXCLUDED_DOMAIN_ATTRIBUTE);
        if (excluded != null) {
            for (String each : excluded.split(",")) {
                if (Organizations.isSameDomain(domain, each.strip())) {
                    return false;
                }
            }
        }
        return "ANY".equals(brokerDomain) || brokerDomain.equals(matchingDomain);
    }

    /** The redirect that starts the sign-in at {@code provider} for this authentication session. */
    static Response redirectTo(AuthenticationFlowContext context, IdentityProviderModel provider, String loginHint) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String accessCode = new ClientSessionCode<>(context.getSession(), context.getRealm(), authSession).getOrGenerateCode();
        URI location = Urls.identityProviderAuthnRequest(context.getUriInfo().getBaseUri(), provider.getAlias(),
                context.getRealm().getName(), accessCode, authSession.getClient().getClientId(), authSession.getTabId(),
                AuthenticationProcessor.getClientData(context.getSession(), authSession), loginHint);
        return Response.seeOther(location).build();
    }
}

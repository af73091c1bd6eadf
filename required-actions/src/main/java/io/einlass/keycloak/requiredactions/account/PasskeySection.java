package io.einlass.keycloak.requiredactions.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.einlass.keycloak.core.accountpage.AccountPage;
import io.einlass.keycloak.core.accountpage.AccountSection;
import io.einlass.keycloak.core.accountpage.AccountView;
import io.einlass.keycloak.core.accountpage.AccountView.Button;
import io.einlass.keycloak.core.accountpage.SingletonSectionFactory;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;

/**
 * "Passkeys": each passkey with its name and date, add one (Keycloak's {@code webauthn-register-passwordless}) and
 * remove ({@code delete_credential:<id>}), both Keycloak's actions through the authorization endpoint. Shown when the
 * realm has passkeys on (its passwordless policy) and the action is enabled, or when the user has passkeys.
 * "This wasn't me" removes every passkey ({@link #secure}).
 */
final class PasskeySection implements AccountSection {

    static final String ID = "einlass-passkeys";
    static final String REGISTER = "webauthn-register-passwordless";

    @Override
    public Optional<AccountView.Section> view(AccountPage page) {
        RequiredActionProviderModel register = page.realm().getRequiredActionProviderByAlias(REGISTER);
        boolean offered = register != null && register.isEnabled()
                && Boolean.TRUE.equals(page.realm().getWebAuthnPolicyPasswordless().isPasskeysEnabled());
        List<CredentialModel> passkeys = page.user().credentialManager()
                .getStoredCredentialsByTypeStream(WebAuthnCredentialModel.TYPE_PASSWORDLESS).toList();
        if (!offered && passkeys.isEmpty()) {
            return Optional.empty();
        }
        List<AccountView.Row> rows = new ArrayList<>();
        for (CredentialModel passkey : passkeys) {
            List<String> details = new ArrayList<>();
            if (passkey.getCreatedDate() != null) {
                details.add(page.text("einlass.account.passkey.since", page.date(Instant.ofEpochMilli(passkey.getCreatedDate()))));
            }
            String label = passkey.getUserLabel() == null || passkey.getUserLabel().isBlank()
                    ? page.text("einlass.account.passkey.unnamed") : passkey.getUserLabel();
            rows.add(new AccountView.Row(label, details, null, List.of(Button.action(page.text("einlass.account.passkey.remove"),
                    AuthenticatorAppSection.DELETE_CREDENTIAL + ":" + passkey.getId(), Button.Style.DANGER))));
        }
        List<String> lines = List.of(page.text(passkeys.isEmpty() ? "einlass.account.passkey.none" : "einlass.account.passkey.some"));
        List<Button> buttons = new ArrayList<>();
        if (offered) {
            buttons.add(Button.action(page.text(passkeys.isEmpty() ? "einlass.account.passkey.add" : "einlass.account.passkey.another"),
                    REGISTER, passkeys.isEmpty() ? Button.Style.PRIMARY : Button.Style.SECONDARY));
        }
        return Optional.of(new AccountView.Section(ID, page.text("einlass.account.passkey.title"), lines, rows, buttons));
    }

    /**
     * "This wasn't me": an intruder may have added a passkey of their own, which would outlast the new password. All
     * passkeys are removed (as all trusted browsers are forgotten); the person adds theirs again.
     */
    @Override
    public int secure(AccountPage page) {
        List<CredentialModel> passkeys = page.user().credentialManager()
                .getStoredCredentialsByTypeStream(WebAuthnCredentialModel.TYPE_PASSWORDLESS).toList();
        for (CredentialModel passkey : passkeys) {
            page.user().credentialManager().removeStoredCredentialById(passkey.getId());
            new EventBuilder(page.realm(), page.session(), page.session().getContext().getConnection())
                    .event(EventType.REMOVE_CREDENTIAL).user(page.user())
                    .detail(Details.CREDENTIAL_TYPE, WebAuthnCredentialModel.TYPE_PASSWORDLESS)
                    .detail(Details.CREDENTIAL_ID, passkey.getId()).success();
        }
        return passkeys.size();
    }

    /** {@code einlass-account-section} provider: after the authenticator app. */
    public static final class Factory extends SingletonSectionFactory {

        public Factory() {
            super(ID, 25, new PasskeySection());
        }
    }
}

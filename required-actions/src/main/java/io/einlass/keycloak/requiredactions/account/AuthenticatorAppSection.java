package io.einlass.keycloak.requiredactions.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.einlass.keycloak.core.accountpage.AccountPage;
import io.einlass.keycloak.core.accountpage.AccountSection;
import io.einlass.keycloak.core.accountpage.SingletonSectionFactory;
import io.einlass.keycloak.core.accountpage.AccountView;
import io.einlass.keycloak.core.accountpage.AccountView.Button;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * "Authenticator app": each device with its label and date, set up another ({@code CONFIGURE_TOTP}) and remove
 * ({@code delete_credential:<id>}). Both are Keycloak's own actions, reached through the authorization endpoint,
 * so removing needs the code of the app (the step-up step asks for it on every account change).
 */
final class AuthenticatorAppSection implements AccountSection {

    static final String ID = "einlass-authenticator-app";
    static final String DELETE_CREDENTIAL = "delete_credential";

    @Override
    public Optional<AccountView.Section> view(AccountPage page) {
        RequiredActionProviderModel setup = page.realm().getRequiredActionProviderByAlias(UserModel.RequiredAction.CONFIGURE_TOTP.name());
        List<CredentialModel> apps = page.user().credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
        if ((setup == null || !setup.isEnabled()) && apps.isEmpty()) {
            return Optional.empty();
        }
        List<AccountView.Row> rows = new ArrayList<>();
        for (CredentialModel app : apps) {
            List<String> details = new ArrayList<>();
            if (app.getCreatedDate() != null) {
                details.add(page.text("einlass.account.authenticator.since", page.date(Instant.ofEpochMilli(app.getCreatedDate()))));
            }
            String label = app.getUserLabel() == null || app.getUserLabel().isBlank() ? page.text("einlass.account.authenticator.unnamed") : app.getUserLabel();
            rows.add(new AccountView.Row(label, details, null, List.of(Button.action(page.text("einlass.account.authenticator.remove"),
                    DELETE_CREDENTIAL + ":" + app.getId(), Button.Style.DANGER))));
        }
        List<String> lines = List.of(page.text(apps.isEmpty() ? "einlass.account.authenticator.none" : "einlass.account.authenticator.some"));
        List<Button> buttons = new ArrayList<>();
        if (setup != null && setup.isEnabled()) {
            buttons.add(Button.action(page.text(apps.isEmpty() ? "einlass.account.authenticator.set-up" : "einlass.account.authenticator.another"),
                    UserModel.RequiredAction.CONFIGURE_TOTP.name(), apps.isEmpty() ? Button.Style.PRIMARY : Button.Style.SECONDARY));
        }
        return Optional.of(new AccountView.Section(ID, page.text("einlass.account.authenticator.title"), lines, rows, buttons));
    }

    /** {@code einlass-account-section} provider. */
    public static final class Factory extends SingletonSectionFactory {

        public Factory() {
            super(ID, 20, new AuthenticatorAppSection());
        }
    }
}

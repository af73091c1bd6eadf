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
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/** "Sign-in": the address the person signs in with, and the password (change it) or "by email link only". */
final class SignInSection implements AccountSection {

    static final String ID = "einlass-sign-in";

    @Override
    public Optional<AccountView.Section> view(AccountPage page) {
        UserModel user = page.user();
        List<String> lines = new ArrayList<>();
        lines.add(page.text("einlass.account.sign-in.email", user.getEmail() == null ? user.getUsername() : user.getEmail()));
        Optional<CredentialModel> password = user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE).findFirst();
        List<Button> buttons = new ArrayList<>();
        if (password.isPresent()) {
            Long changed = password.get().getCreatedDate();
            lines.add(changed == null ? page.text("einlass.account.sign-in.password")
                    : page.text("einlass.account.sign-in.password-since", page.date(Instant.ofEpochMilli(changed))));
            buttons.add(Button.action(page.text("einlass.account.sign-in.change-password"),
                    UserModel.RequiredAction.UPDATE_PASSWORD.name(), Button.Style.SECONDARY));
        } else {
            lines.add(page.text("einlass.account.sign-in.link-only"));
        }
        return Optional.of(new AccountView.Section(ID, page.text("einlass.account.sign-in.title"), lines, List.of(), buttons));
    }

    /** {@code einlass-account-section} provider: first on the page. */
    public static final class Factory extends SingletonSectionFactory {

        public Factory() {
            super(ID, 10, new SignInSection());
        }
    }
}

package io.einlass.keycloak.requiredactions.recoveryemail;

import java.util.List;
import java.util.Optional;

import io.einlass.keycloak.core.account.AccountContacts;
import io.einlass.keycloak.core.accountpage.AccountPage;
import io.einlass.keycloak.core.accountpage.AccountSection;
import io.einlass.keycloak.core.accountpage.SingletonSectionFactory;
import io.einlass.keycloak.core.accountpage.AccountView;
import io.einlass.keycloak.core.accountpage.AccountView.Button;
import io.einlass.keycloak.core.email.CanonicalEmail;
import org.keycloak.models.RequiredActionProviderModel;

/** The recovery email on the "Sign-in and security" page: the confirmed address (masked) or none; set up or manage. */
final class RecoveryEmailSection implements AccountSection {

    @Override
    public Optional<AccountView.Section> view(AccountPage page) {
        RequiredActionProviderModel action = page.realm().getRequiredActionProviderByAlias(RecoveryEmailActionFactory.ID);
        if (action == null || !action.isEnabled()) {
            return Optional.empty();
        }
        Optional<String> address = AccountContacts.recoveryEmail(page.user());
        String line = address.map(a -> page.text("einlass.account.recovery-email.confirmed", CanonicalEmail.mask(a)))
                .orElseGet(() -> page.text("einlass.account.recovery-email.none"));
        Button button = Button.action(page.text(address.isPresent() ? "einlass.account.manage" : "einlass.account.set-up"),
                RecoveryEmailActionFactory.ID, address.isPresent() ? Button.Style.SECONDARY : Button.Style.PRIMARY);
        return Optional.of(new AccountView.Section(RecoveryEmailActionFactory.ID, page.text("einlass.account.recovery-email.title"),
                List.of(line, page.text("einlass.account.recovery-email.help")), List.of(), List.of(button)));
    }

    /** {@code einlass-account-section} provider. */
    public static final class Factory extends SingletonSectionFactory {

        public Factory() {
            super(RecoveryEmailActionFactory.ID, 30, new RecoveryEmailSection());
        }
    }
}

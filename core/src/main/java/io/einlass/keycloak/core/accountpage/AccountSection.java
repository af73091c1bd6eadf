package io.einlass.keycloak.core.accountpage;

import java.util.Optional;

import org.keycloak.provider.Provider;

/**
 * One section of the "Sign-in and security" page. The page has already checked, for every call, that a user is
 * signed in; for {@link #act}, also that the POST came from the page in this session (same site, the session's
 * token) and that the button is one {@link #view} shows this user now.
 */
public interface AccountSection extends Provider {

    /** What the section shows this user, or empty when it does not apply. */
    Optional<AccountView.Section> view(AccountPage page);

    /** A {@link AccountView.Button.Kind#POST} button of this section was pressed. */
    default AccountView.Result act(AccountPage page, String action, String argument) {
        return AccountView.Result.refused("einlass.account.unknown-action");
    }

    /**
     * "This wasn't me": the person signed in again (and set a new password if the account has one). End what this
     * section holds that an intruder could use, and return how many things were ended.
     */
    default int secure(AccountPage page) {
        return 0;
    }

    @Override
    default void close() {
    }
}

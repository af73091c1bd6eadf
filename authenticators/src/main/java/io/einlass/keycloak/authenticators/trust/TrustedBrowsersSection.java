package io.einlass.keycloak.authenticators.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.einlass.keycloak.core.accountpage.AccountPage;
import io.einlass.keycloak.core.accountpage.AccountSection;
import io.einlass.keycloak.core.accountpage.SingletonSectionFactory;
import io.einlass.keycloak.core.accountpage.AccountView;
import io.einlass.keycloak.core.accountpage.AccountView.Button;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.web.Cookies;
import org.keycloak.models.UserModel;

/**
 * Trusted browsers on the "Sign-in and security" page: each valid trust with browser, system, since and until,
 * "This browser" marked; forget one, forget all. "This wasn't me" forgets all of them.
 */
final class TrustedBrowsersSection implements AccountSection {

    static final String ID = "einlass-trusted-browsers";
    static final String FORGET = "forget";
    static final String FORGET_ALL = "forget-all";

    @Override
    public Optional<AccountView.Section> view(AccountPage page) {
        TrustedBrowsers browsers = new TrustedBrowsers(page.session(), page.realm());
        UserModel user = page.user();
        String current = browsers.currentCredentialId(user).orElse(null);
        List<AccountView.Row> rows = new ArrayList<>();
        for (TrustedBrowserCredentialModel trust : browsers.list(user)) {
            if (!browsers.stillValid(user, trust)) {
                continue;
            }
            List<String> details = new ArrayList<>();
            if (trust.getCreatedDate() != null) {
                details.add(page.text("einlass.account.trust.since", page.date(Instant.ofEpochMilli(trust.getCreatedDate()))));
            }
            details.add(page.text("einlass.account.trust.until", page.date(Instant.ofEpochSecond(trust.data().expiresAt()))));
            String title = page.text("einlass.account.trust.browser", trust.data().browser(), trust.data().os());
            rows.add(new AccountView.Row(title, details, trust.getId().equals(current) ? page.text("einlass.account.trust.this-browser") : null,
                    List.of(Button.post(page.text("einlass.account.trust.forget"), FORGET, trust.getId(), Button.Style.SECONDARY))));
        }
        List<String> lines = List.of(page.text(rows.isEmpty() ? "einlass.account.trust.none" : "einlass.account.trust.intro"));
        List<Button> buttons = rows.size() > 1
                ? List.of(Button.post(page.text("einlass.account.trust.forget-all"), FORGET_ALL, "", Button.Style.DANGER)) : List.of();
        return Optional.of(new AccountView.Section(ID, page.text("einlass.account.trust.title"), lines, rows, buttons));
    }

    @Override
    public AccountView.Result act(AccountPage page, String action, String argument) {
        TrustedBrowsers browsers = new TrustedBrowsers(page.session(), page.realm());
        UserModel user = page.user();
        if (FORGET.equals(action)) {
            if (!browsers.revoke(user, argument)) {
                return AccountView.Result.refused("einlass.account.stale");
            }
            browsers.recordForgotten(user, EinlassEvents.Action.TRUSTED_BROWSER_FORGOTTEN, 1);
            if (argument.equals(browsers.currentCredentialId(user).orElse(null))) {
                Cookies.add(page.session(), browsers.forgetCookie(user));
            }
            return AccountView.Result.done("einlass.account.trust.forgotten");
        }
        if (FORGET_ALL.equals(action)) {
            int removed = browsers.revokeAll(user);
            browsers.recordForgotten(user, EinlassEvents.Action.TRUSTED_BROWSERS_FORGOTTEN, removed);
            Cookies.add(page.session(), browsers.forgetCookie(user));
            return AccountView.Result.done("einlass.account.trust.all-forgotten");
        }
        return AccountSection.super.act(page, action, argument);
    }

    @Override
    public int secure(AccountPage page) {
        TrustedBrowsers browsers = new TrustedBrowsers(page.session(), page.realm());
        int removed = browsers.revokeAll(page.user());
        if (removed > 0) {
            browsers.recordForgotten(page.user(), EinlassEvents.Action.TRUSTED_BROWSERS_FORGOTTEN, removed);
        }
        Cookies.add(page.session(), browsers.forgetCookie(page.user()));
        return removed;
    }

    /** {@code einlass-account-section} provider. */
    public static final class Factory extends SingletonSectionFactory {

        public Factory() {
            super(ID, 50, new TrustedBrowsersSection());
        }
    }
}

package io.einlass.keycloak.requiredactions.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import io.einlass.keycloak.core.accountpage.AccountView;

/** The page's template model: the sections as plain maps of strings and lists (no Java types in the template). */
final class AccountModel {

    private AccountModel() {
    }

    static Map<String, Object> section(AccountView.Section section) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", section.id());
        model.put("title", section.title());
        model.put("lines", section.lines());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AccountView.Row row : section.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("title", row.title());
            r.put("details", row.details());
            r.put("badge", row.badge() == null ? "" : row.badge());
            r.put("buttons", buttons(section.id(), row.buttons()));
            rows.add(r);
        }
        model.put("rows", rows);
        model.put("buttons", buttons(section.id(), section.buttons()));
        return model;
    }

    private static List<Map<String, Object>> buttons(String sectionId, List<AccountView.Button> buttons) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (AccountView.Button button : buttons) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("label", button.label());
            b.put("value", buttonValue(sectionId, button));
            b.put("style", button.style().name().toLowerCase(Locale.ROOT));
            list.add(b);
        }
        return list;
    }

    /** {@code <kind>|<section id>|<value>|<argument>}: what the POST names; the page accepts it only if it shows it. */
    static String buttonValue(String sectionId, AccountView.Button button) {
        return button.kind().name() + "|" + sectionId + "|" + button.value() + "|" + button.argument();
    }
}

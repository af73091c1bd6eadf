package io.einlass.keycloak.core.accountpage;

import java.util.List;
import java.util.Objects;

/**
 * What a section shows: plain, already localized text (the page escapes it) and buttons. A section never writes
 * markup, so no typed value can reach the page unescaped.
 */
public final class AccountView {

    private AccountView() {
    }

    /**
     * A section: {@code id} (the factory id, also the HTML anchor), its title, lines of state under the title, rows
     * (one per thing, e.g. per trusted browser) and buttons for the whole section.
     */
    public record Section(String id, String title, List<String> lines, List<Row> rows, List<Button> buttons) {
        public Section {
            Objects.requireNonNull(id);
            Objects.requireNonNull(title);
            lines = List.copyOf(lines);
            rows = List.copyOf(rows);
            buttons = List.copyOf(buttons);
        }
    }

    /** One thing in a section: a title, detail lines, an optional badge (e.g. "This browser") and its buttons. */
    public record Row(String title, List<String> details, String badge, List<Button> buttons) {
        public Row {
            Objects.requireNonNull(title);
            details = List.copyOf(details);
            buttons = List.copyOf(buttons);
        }
    }

    /**
     * A button. {@link Kind#ACTION}: {@code value} is a Keycloak application-initiated action ({@code kc_action}),
     * which brings its own re-authentication ({@code max_auth_age}); {@link Kind#POST}: {@code value} is the
     * section's action, handled by {@link AccountSection#act} with {@code argument}; {@link Kind#SECURE}: "This
     * wasn't me" (the page signs the person in again, asks for a new password, and calls every section's
     * {@link AccountSection#secure}).
     */
    public record Button(String label, Kind kind, String value, String argument, Style style) {

        public enum Kind { ACTION, POST, SECURE }

        public enum Style { PRIMARY, SECONDARY, DANGER }

        public Button {
            Objects.requireNonNull(label);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(value);
            argument = argument == null ? "" : argument;
            style = style == null ? Style.SECONDARY : style;
        }

        public static Button action(String label, String kcAction, Style style) {
            return new Button(label, Kind.ACTION, kcAction, "", style);
        }

        public static Button post(String label, String action, String argument, Style style) {
            return new Button(label, Kind.POST, action, argument, style);
        }
    }

    /** What a pressed button did: the message (a theme message key) the page shows after it. */
    public record Result(boolean done, String messageKey, List<String> arguments) {
        public Result {
            Objects.requireNonNull(messageKey);
            arguments = List.copyOf(arguments);
        }

        public static Result done(String messageKey, String... arguments) {
            return new Result(true, messageKey, List.of(arguments));
        }

        public static Result refused(String messageKey, String... arguments) {
            return new Result(false, messageKey, List.of(arguments));
        }
    }
}

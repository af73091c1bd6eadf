package io.einlass.keycloak.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The texts of every Einlass message bundle in every shipped language: the modules' {@code theme-resources}
 * messages (added by Keycloak to every theme) and the {@code einlass} theme's own messages.
 */
class MessagesParityTest {

    /** The languages Einlass ships besides English (the reference): every English key exists in each. */
    static final List<String> SHIPPED = List.of("de", "fr", "it");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\s*(\\d+)\\s*[,}]");
    /** msg("key") or msg('key') with a literal key that is not continued by "+" (dynamic keys are checked apart). */
    private static final Pattern MSG_LITERAL = Pattern.compile("\\bmsg\\(\\s*([\"'])([^\"']+)\\1\\s*([,)])");
    /** Messages Keycloak's own themes provide, used by the Einlass login templates. */
    private static final Set<String> KEYCLOAK_KEYS = Set.of("doLogIn", "password", "doForgotPassword", "noAccount", "doRegister", "doCancel");

    @Test
    void thereAreEnglishBundlesInTheModulesAndTheTheme() {
        List<String> english = englishBundles().stream().map(SourceTree::relative).toList();

        assertThat(english).contains(
                "authenticators/src/main/resources/theme-resources/messages/messages_en.properties",
                "themes/src/main/resources/theme/einlass/login/messages/messages_en.properties",
                "themes/src/main/resources/theme/einlass/email/messages/messages_en.properties");
    }

    @Test
    void everyEnglishBundleHasASiblingInEveryShippedLanguageWithTheSameKeys() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path en : englishBundles()) {
            Set<String> enKeys = load(en).keySet();
            for (String lang : SHIPPED) {
                Path other = en.resolveSibling("messages_" + lang + ".properties");
                if (!Files.isRegularFile(other)) {
                    problems.add(SourceTree.relative(en) + ": no messages_" + lang + ".properties next to it");
                    continue;
                }
                Set<String> otherKeys = load(other).keySet();
                Set<String> missingInOther = new TreeSet<>(enKeys);
                missingInOther.removeAll(otherKeys);
                Set<String> missingInEn = new TreeSet<>(otherKeys);
                missingInEn.removeAll(enKeys);
                if (!missingInOther.isEmpty()) {
                    problems.add(SourceTree.relative(other) + " lacks " + missingInOther);
                }
                if (!missingInEn.isEmpty()) {
                    problems.add(SourceTree.relative(en) + " lacks " + missingInEn);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theRealmSupportsExactlyTheShippedLanguages() throws IOException {
        String realm = Files.readString(SourceTree.root().resolve("realm-config/portal-realm.json"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"supportedLocales\"\\s*:\\s*\\[([^\\]]*)]").matcher(realm);
        assertThat(m.find()).isTrue();
        Set<String> supported = new TreeSet<>();
        for (String locale : m.group(1).split(",")) {
            supported.add(locale.replace("\"", "").strip());
        }
        Set<String> shipped = new TreeSet<>(SHIPPED);
        shipped.add("en");
        assertThat(supported).isEqualTo(shipped);
    }

    @Test
    void everyBundleIsUtf8WithoutBlankValuesOrDuplicateKeys() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : allBundles()) {
            String where = SourceTree.relative(file);
            try {
                strictUtf8(file);
            } catch (CharacterCodingException e) {
                problems.add(where + ": not UTF-8 (" + e + ")");
                continue;
            }
            load(file).forEach((key, value) -> {
                if (value.isBlank()) {
                    problems.add(where + ": blank value for " + key);
                }
            });
            Set<String> seen = new TreeSet<>();
            for (String key : rawKeys(file)) {
                if (!seen.add(key)) {
                    problems.add(where + ": duplicate key " + key);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theUtf8CheckRejectsLatin1() {
        // the German bundles must not be saved as ISO-8859-1: "für" in Latin-1 is not valid UTF-8
        byte[] latin1 = "f\u00fcr".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(decodes(latin1)).isFalse();
        assertThat(decodes("f\u00fcr".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void translatedBundlesContainRealLettersNotMojibake() throws IOException {
        for (Path en : englishBundles()) {
            for (String lang : SHIPPED) {
                Path other = en.resolveSibling("messages_" + lang + ".properties");
                if (!Files.isRegularFile(other)) {
                    continue;
                }
                load(other).forEach((key, value) -> assertThat(value)
                        .as("%s %s", SourceTree.relative(other), key)
                        .doesNotContain("\u00c3").doesNotContain("\ufffd"));
            }
        }
    }

    @Test
    void everyLanguageUsesTheSamePlaceholdersAsEnglish() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path en : englishBundles()) {
            Map<String, String> english = load(en);
            for (String lang : SHIPPED) {
                Path other = en.resolveSibling("messages_" + lang + ".properties");
                if (!Files.isRegularFile(other)) {
                    continue;
                }
                Map<String, String> translated = load(other);
                english.forEach((key, enValue) -> {
                    String value = translated.get(key);
                    if (value != null && !placeholders(enValue).equals(placeholders(value))) {
                        problems.add(key + ": en " + placeholders(enValue) + " vs " + lang + " " + placeholders(value));
                    }
                });
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void placeholderDetectionCountsDistinctArguments() {
        assertThat(placeholders("Requested from {0} on {1}, {2}.")).containsExactly(0, 1, 2);
        assertThat(placeholders("{0} and {0} again, {1,number}")).containsExactly(0, 1);
        assertThat(placeholders("no arguments")).isEmpty();
    }

    @Test
    void everyValueIsAValidMessageFormatPatternWithDoubledApostrophes() throws IOException {
        // Keycloak formats every text with MessageFormat: a single apostrophe starts a quote and swallows text
        Pattern loneApostrophe = Pattern.compile("(?<!')'(?!')");
        List<String> problems = new ArrayList<>();
        for (Path file : allBundles()) {
            load(file).forEach((key, value) -> {
                if (loneApostrophe.matcher(value).find()) {
                    problems.add(SourceTree.relative(file) + " " + key + ": single apostrophe, write ''");
                }
                try {
                    MessageFormat format = new MessageFormat(value, Locale.ROOT);
                    // numbers where the pattern asks for them ({0,choice,...}, {0,number}), text elsewhere
                    java.text.Format[] formats = format.getFormatsByArgumentIndex();
                    Object[] args = new Object[Math.max(4, formats.length)];
                    for (int i = 0; i < args.length; i++) {
                        args[i] = i < formats.length && formats[i] instanceof java.text.NumberFormat ? (Object) 2 : "A";
                    }
                    String formatted = format.format(args);
                    assertThat(formatted).as(key).doesNotContain("{");
                } catch (IllegalArgumentException e) {
                    problems.add(SourceTree.relative(file) + " " + key + ": " + e.getMessage());
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyKeyTheTemplatesUseLiterallyExistsInTheEnglishThemeResources() throws IOException {
        // the authenticators' templates can run under any login theme, so their keys must come with the
        // theme-resources messages (or from Keycloak itself), not only from the einlass theme
        Set<String> english = themeResourcesEnglishKeys();
        Map<String, String> missing = new TreeMap<>();
        int checked = 0;
        for (Path template : templates()) {
            Matcher m = MSG_LITERAL.matcher(Files.readString(template, StandardCharsets.UTF_8));
            while (m.find()) {
                checked++;
                String key = m.group(2);
                if (!english.contains(key) && !KEYCLOAK_KEYS.contains(key)) {
                    missing.put(key, SourceTree.relative(template));
                }
            }
        }
        assertThat(checked).as("msg(...) calls found").isGreaterThan(20);
        assertThat(missing).as("keys used in templates but missing in messages_en.properties").isEmpty();
    }

    @Test
    void theTemplateKeyScanSkipsDynamicKeysButFindsLiteralOnes() {
        String ftl = "${msg(\"a.b\")} ${msg('c.d', x)} ${msg(\"e.f.\" + state)} ${msg(authenticator + \"-display-name\")}";
        List<String> keys = new ArrayList<>();
        Matcher m = MSG_LITERAL.matcher(ftl);
        while (m.find()) {
            keys.add(m.group(2));
        }
        assertThat(keys).containsExactly("a.b", "c.d");
    }

    @Test
    void everyLandingPageStateHasATitleAndAText() throws IOException {
        // einlass-magic-link-landing.ftl builds its keys from LinkState.key(): the constant's name in lower case
        String enumSource = Files.readString(SourceTree.root().resolve(
                "authenticators/src/main/java/io/einlass/keycloak/authenticators/magiclink/LinkState.java"));
        Matcher m = Pattern.compile("(?m)^\\s+([A-Z_]+)\\(Response\\.Status").matcher(enumSource);
        Set<String> states = new TreeSet<>();
        while (m.find()) {
            states.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        assertThat(states).contains("confirm", "approved", "invalid", "expired", "used");

        Set<String> english = themeResourcesEnglishKeys();
        for (String state : states) {
            assertThat(english).as("title of state %s", state).contains("einlass.magic-link.landing.title." + state);
            if (!state.equals("confirm")) {
                assertThat(english).as("text of state %s", state).contains("einlass.magic-link.landing.text." + state);
            }
        }
    }

    @Test
    void everyMessageKeyTheJavaCodeNamesExists() throws IOException {
        // keys given to FormMessage, setError, setInfo, page(...) and the constants naming the mail subject and the password error
        // (a literal message key passed as an argument or chosen in a conditional; config keys and note names are
        // declared as constants and so never follow one of these characters)
        Pattern use = Pattern.compile("[(,?:]\\s*\"(einlass\\.[a-z0-9._-]+|einlass-[a-z-]+-(?:display-name|help-text))\"");
        Pattern constant = Pattern.compile("static final String (?:SUBJECT|INVALID) = \"(einlass\\.[a-z0-9._-]+)\"");
        Set<String> english = themeResourcesEnglishKeys();
        Map<String, String> missing = new TreeMap<>();
        int checked = 0;
        for (Path java : SourceTree.mainFiles("*.java")) {
            String source = Files.readString(java, StandardCharsets.UTF_8);
            for (Pattern p : List.of(use, constant)) {
                Matcher m = p.matcher(source);
                while (m.find()) {
                    String key = m.group(1);
                    if (key.endsWith(".")) {
                        continue;
                    }
                    checked++;
                    if (!english.contains(key)) {
                        missing.put(key, SourceTree.relative(java));
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(18);
        assertThat(missing).isEmpty();
    }

    @Test
    void everyAlternativeButtonHasALabel() throws IOException {
        // einlass-alternatives.ftl labels a button with einlass.alternatives.<id>, else <id>-display-name
        Set<String> english = themeResourcesEnglishKeys();
        for (String id : List.of("einlass-password", "einlass-magic-link")) {
            assertThat(english.contains("einlass.alternatives." + id) || english.contains(id + "-display-name"))
                    .as("button label for %s", id).isTrue();
        }
    }

    @Test
    void theThemesHideNoLanguageOfTheRealm() throws IOException {
        // without "locales" a theme offers its parent's languages: a realm language Einlass has no texts for gets
        // Keycloak's texts in that language and the Einlass texts in English (Keycloak's fallback)
        for (Path themeProperties : SourceTree.mainFiles("theme.properties")) {
            Properties theme = new Properties();
            theme.load(new StringReader(Files.readString(themeProperties, StandardCharsets.UTF_8)));
            assertThat(theme.getProperty("locales")).as(SourceTree.relative(themeProperties)).isNull();
        }
    }

    @Test
    void everyThemeLocaleHasItsMessages() throws IOException {
        for (Path themeProperties : SourceTree.mainFiles("theme.properties")) {
            Properties theme = new Properties();
            theme.load(new StringReader(Files.readString(themeProperties, StandardCharsets.UTF_8)));
            String locales = theme.getProperty("locales", "");
            for (String locale : locales.split(",")) {
                if (!locale.isBlank()) {
                    assertThat(themeProperties.resolveSibling("messages/messages_" + locale.strip() + ".properties"))
                            .as("%s locale %s", SourceTree.relative(themeProperties), locale.strip()).isRegularFile();
                }
            }
        }
    }

    @Test
    void themeResourcesBundlesOfDifferentModulesDoNotRedefineKeys() throws IOException {
        // the bundle appends the modules' theme-resources bundles into one file: a key defined twice would be
        // silently decided by module order, and a missing final newline would glue two lines together
        Map<String, String> owner = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : allBundles()) {
            if (!SourceTree.relative(file).contains("theme-resources")) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                problems.add(SourceTree.relative(file) + " does not end with a newline");
            }
            for (String key : load(file).keySet()) {
                String lang = file.getFileName().toString();
                String previous = owner.put(lang + "/" + key, SourceTree.relative(file));
                if (previous != null) {
                    problems.add(key + " in " + previous + " and " + SourceTree.relative(file));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static List<Path> englishBundles() {
        return SourceTree.mainFiles("messages_en.properties");
    }

    private static List<Path> allBundles() {
        return SourceTree.mainFiles("messages_*.properties");
    }

    private static List<Path> templates() {
        return SourceTree.mainFiles("*.ftl").stream()
                .filter(p -> SourceTree.relative(p).contains("theme-resources/templates"))
                .toList();
    }

    private static Set<String> themeResourcesEnglishKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path en : englishBundles()) {
            if (SourceTree.relative(en).contains("theme-resources/messages")) {
                keys.addAll(load(en).keySet());
            }
        }
        assertThat(keys).isNotEmpty();
        return keys;
    }

    /** Keycloak reads message bundles as UTF-8. */
    private static Map<String, String> load(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(strictUtf8(file)));
        Map<String, String> map = new TreeMap<>();
        properties.forEach((k, v) -> map.put((String) k, (String) v));
        return map;
    }

    private static String strictUtf8(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
    }

    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Keys as written, line by line, to see duplicates that Properties would silently merge. */
    private static List<String> rawKeys(Path file) throws IOException {
        List<String> keys = new ArrayList<>();
        boolean continued = false;
        for (String line : strictUtf8(file).split("\\R")) {
            String trimmed = line.stripLeading();
            boolean isContinuation = continued;
            continued = trimmed.endsWith("\\") && !trimmed.endsWith("\\\\");
            if (isContinuation || trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            Matcher m = Pattern.compile("^((?:\\\\.|[^=:\\s])+)").matcher(trimmed);
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static Set<Integer> placeholders(String value) {
        Set<Integer> indices = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            indices.add(Integer.parseInt(m.group(1)));
        }
        return indices;
    }
}

package io.einlass.keycloak.authenticators.magiclink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LinkRecordTest {

    private static final LinkRecord FLOW = new LinkRecord("hash-1", LinkRecord.Kind.SIGN_IN, "client-uuid", "root-1", "tab-1",
            "exec-1", "user-1", "stamp-1", 1_700_000_000L, 1_700_000_900L, "Firefox|Windows", null);
    private static final LinkRecord API = new LinkRecord("hash-2", LinkRecord.Kind.API, "portal-app", null, null, null,
            "user-2", "stamp-2", 1_700_000_000L, 1_700_001_800L, null, "https://app.example/after");

    @Test
    void flowLinkSurvivesTheRoundTripThroughNotes() {
        assertThat(LinkRecord.fromNotes("hash-1", FLOW.toNotes())).isEqualTo(FLOW);
    }

    @Test
    void apiLinkSurvivesTheRoundTripThroughNotes() {
        assertThat(LinkRecord.fromNotes("hash-2", API.toNotes())).isEqualTo(API);
    }

    @Test
    void notesAreStringsOnlyAndCarryNoNullValues() {
        Map<String, String> notes = API.toNotes();

        assertThat(notes).doesNotContainKeys("root", "tab", "exec", "browser");
        assertThat(notes.values()).doesNotContainNull();
        assertThat(notes).containsEntry("kind", "API").containsEntry("iat", "1700000000").containsEntry("exp", "1700001800");
    }

    @Test
    void theHashComesFromTheStoreKeyNotFromTheNotes() {
        // the record's hash is the key it was found under, not anything written into the notes
        assertThat(FLOW.toNotes()).doesNotContainValue("hash-1");
        assertThat(LinkRecord.fromNotes("other-hash", FLOW.toNotes()).hash()).isEqualTo("other-hash");
    }

    @Test
    void aLinkWithoutUserIsAGhost() {
        LinkRecord ghost = new LinkRecord("h", LinkRecord.Kind.SIGN_IN, "c", "r", "t", "e", "", "", 1, 2, "?|?", null);

        assertThat(ghost.ghost()).isTrue();
        assertThat(LinkRecord.fromNotes("h", ghost.toNotes()).ghost()).isTrue();
        assertThat(FLOW.ghost()).isFalse();
    }

    @Test
    void resetLinkKeepsItsKind() {
        LinkRecord reset = new LinkRecord("h", LinkRecord.Kind.RESET, "c", "r", "t", "e", "u", "s", 1, 2, "?|?", null);
        assertThat(LinkRecord.fromNotes("h", reset.toNotes())).isEqualTo(reset);
        assertThat(reset.kind().continuesAttempt()).isTrue();
        assertThat(LinkRecord.Kind.API.continuesAttempt()).isFalse();
    }

    @Test
    void notesWithoutAKnownKindAreNoLink() {
        // a record written by another version (or anything else under the key) is never taken for a link
        assertThat(LinkRecord.fromNotes("h", Map.of())).isNull();
        assertThat(LinkRecord.fromNotes("h", Map.of("kind", "FLOW", "user", "u"))).isNull();
        assertThat(LinkRecord.fromNotes("h", Map.of("kind", "sign_in"))).isNull();
    }

    @Test
    void missingOrGarbledNotesDoNotThrowAndNeverLookValid() {
        LinkRecord garbled = LinkRecord.fromNotes("h", Map.of("kind", "SIGN_IN", "iat", "soon", "exp", "later", "user", "u"));
        assertThat(garbled.issuedAt()).isZero();
        // an unreadable expiry reads as expired long ago
        assertThat(garbled.expiresAt()).isZero();
    }
}

package io.einlass.keycloak.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    private static MultivaluedMap<String, String> parse(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ordinaryFieldsAreDecodedAsUtf8() {
        MultivaluedMap<String, String> form = parse("decision=confirm&match=42&name=J%C3%BCrg+M%C3%BCller&empty=");
        assertThat(form.getFirst("decision")).isEqualTo("confirm");
        assertThat(form.getFirst("match")).isEqualTo("42");
        assertThat(form.getFirst("name")).isEqualTo("Jürg Müller");
        assertThat(form.getFirst("empty")).isEmpty();
    }

    @Test
    void rawUtf8AndRepeatedFieldsAreKept() {
        MultivaluedMap<String, String> form = parse("a=Zürich&a=Genève");
        assertThat(form.get("a")).containsExactly("Zürich", "Genève");
    }

    @Test
    void brokenEscapesDropOnlyTheirField() {
        MultivaluedMap<String, String> form = parse("email=%%E2%80%AE3B&decision=confirm&x=%&y=%G1&%ZZ=1");
        assertThat(form.keySet()).containsExactly("decision");
    }

    @Test
    void invalidUtf8BecomesTheReplacementCharacter() {
        assertThat(parse("code=%C3%28").getFirst("code")).isEqualTo("\uFFFD(");
        assertThat(parse("code=%ED%A0%80").getFirst("code")).doesNotContain("\uD800");
    }

    @Test
    void garbageShapesGiveNoFieldsAndNoError() {
        for (String body : new String[] {"=", "&&&", "=&=", "==", "&=x", ""}) {
            assertThat(parse(body)).as(body).isEmpty();
        }
        assertThat(FormBody.parse(null)).isEmpty();
    }

    @Test
    void aBodyOverSixteenKibibytesIsReadAsEmpty() {
        assertThat(parse("decision=confirm&pad=" + "x".repeat(FormBody.MAX_BYTES))).isEmpty();
        assertThat(parse("decision=confirm&pad=" + "x".repeat(FormBody.MAX_BYTES - 40)).getFirst("decision")).isEqualTo("confirm");
    }

    @Test
    void atMostSixtyFourFieldsAreRead() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1000; i++) { // about 7 KB, under the size cap
            body.append("f").append(i).append("=v&");
        }
        assertThat(parse(body.toString())).hasSize(FormBody.MAX_FIELDS);
    }
}

package io.einlass.keycloak.core.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The requests the http and twilio gateways send, and that no text can break out of them. */
class SmsRequestsTest {

    private static final String NASTY = "Code 123456 \"quoted\" \\ back\nnew line\ttab \u2028 </script> & ${to} {\"x\":1}";

    @Test
    void theDefaultHttpBodyIsValidJsonWithTheExactValuesWhateverTheText() throws Exception {
        String body = HttpSmsRequest.body(HttpSmsGatewayFactory.DEFAULT_TEMPLATE, "+41791234567", NASTY);
        JsonNode json = new ObjectMapper().readTree(body);
        assertThat(json.path("to").asText()).isEqualTo("+41791234567");
        assertThat(json.path("text").asText()).isEqualTo(NASTY);
        assertThat(json.size()).as("no field injected").isEqualTo(2);
    }

    @Test
    void aPlaceholderInTheTextIsNotReplacedAgain() throws Exception {
        String body = HttpSmsRequest.body("{\"text\": \"${text}\", \"to\": \"${to}\"}", "+41791234567", "${to}");
        assertThat(new ObjectMapper().readTree(body).path("text").asText()).isEqualTo("${to}");
    }

    @Test
    void theHttpRequestCarriesTheAuthorizationHeaderAndTheConfiguredContentType() throws Exception {
        HttpRequest request = HttpSmsRequest.build(new HttpSmsRequest.Settings("https://sms.example/send", "Bearer key-1",
                "text=${text}&to=${to}", "application/x-www-form-urlencoded", Duration.ofSeconds(5)), "+41791234567", "hi");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri().toString()).isEqualTo("https://sms.example/send");
        assertThat(request.headers().firstValue("Authorization")).contains("Bearer key-1");
        assertThat(request.headers().firstValue("Content-Type")).contains("application/x-www-form-urlencoded");
        assertThat(request.timeout()).contains(Duration.ofSeconds(5));
        assertThat(body(request)).isEqualTo("text=hi&to=+41791234567");
        HttpRequest noAuth = HttpSmsRequest.build(new HttpSmsRequest.Settings("https://sms.example/send", null,
                HttpSmsGatewayFactory.DEFAULT_TEMPLATE, "application/json", Duration.ofSeconds(5)), "+41791234567", "hi");
        assertThat(noAuth.headers().firstValue("Authorization")).isEmpty();
    }

    @Test
    void twilioGetsItsMessagesApiWithBasicAuthenticationAndAnEncodedForm() throws Exception {
        TwilioSmsRequest.Settings settings = new TwilioSmsRequest.Settings("https://api.twilio.com", "AC123", "tok\"en",
                "+41445551234", null, Duration.ofSeconds(5));
        HttpRequest request = TwilioSmsRequest.build(settings, "+41791234567", NASTY);
        assertThat(request.uri().toString()).isEqualTo("https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json");
        assertThat(request.headers().firstValue("Authorization"))
                .contains("Basic " + Base64.getEncoder().encodeToString("AC123:tok\"en".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.headers().firstValue("Content-Type")).contains("application/x-www-form-urlencoded");
        String form = body(request);
        assertThat(form).startsWith("To=%2B41791234567&From=%2B41445551234&Body=");
        assertThat(java.net.URLDecoder.decode(form.substring(form.indexOf("&Body=") + 6), StandardCharsets.UTF_8)).isEqualTo(NASTY);
        assertThat(form.split("&")).hasSize(3);

        TwilioSmsRequest.Settings service = new TwilioSmsRequest.Settings("https://api.twilio.com/", "AC123", "t", null, "MG9", Duration.ofSeconds(5));
        assertThat(TwilioSmsRequest.form(service, "+41791234567", "x")).isEqualTo("To=%2B41791234567&MessagingServiceSid=MG9&Body=x");
        assertThat(service.complete()).isTrue();
        assertThat(new TwilioSmsRequest.Settings("https://api.twilio.com", "AC1", null, "+1", null, Duration.ofSeconds(1)).complete()).isFalse();
    }

    @Test
    void failureReasonsAreEventValues() {
        assertThat(SmsException.Reason.REJECTED.value()).isEqualTo("gateway_rejected");
        assertThat(SmsException.Reason.TIMEOUT.value()).isEqualTo("gateway_timeout");
    }

    private static String body(HttpRequest request) throws InterruptedException {
        List<ByteBuffer> buffers = new ArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                buffers.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        done.await();
        StringBuilder sb = new StringBuilder();
        buffers.forEach(b -> sb.append(StandardCharsets.UTF_8.decode(b)));
        return sb.toString();
    }
}

package io.einlass.keycloak.requiredactions.recoveryphone;

import static org.assertj.core.api.Assertions.assertThat;

import io.einlass.keycloak.core.sms.SmsException;
import io.einlass.keycloak.core.sms.SmsException.Reason;
import org.junit.jupiter.api.Test;

/** Which failed sends are the gateway's outage (the person's limits are given back) and which keep counting. */
class SmsOutageTest {

    @Test
    void aGatewayThatIsDownOrUnsetIsAnOutage() {
        assertThat(RecoveryPhoneAction.outage(new SmsException(Reason.REJECTED, 503, "unavailable"))).isTrue();
        assertThat(RecoveryPhoneAction.outage(new SmsException(Reason.REJECTED, 500, "error"))).isTrue();
        assertThat(RecoveryPhoneAction.outage(new SmsException(Reason.TIMEOUT, 0, "timeout"))).isTrue();
        assertThat(RecoveryPhoneAction.outage(new SmsException(Reason.UNREACHABLE, 0, "refused"))).isTrue();
        assertThat(RecoveryPhoneAction.outage(new SmsException(Reason.NOT_CONFIGURED, 0, "none"))).isTrue();
    }

    @Test
    void aRefusalOfThisNumberOrRequestKeepsCounting() {
        assertThat(RecoveryPhoneAction.outage(new SmsException(Reason.REJECTED, 400, "unsubscribed"))).isFalse();
        assertThat(RecoveryPhoneAction.outage(new SmsException(Reason.REJECTED, 429, "too many"))).isFalse();
        assertThat(RecoveryPhoneAction.outage(new SmsException(Reason.REJECTED, 404, "no such number"))).isFalse();
    }
}

package org.repaintstudio.core.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CallSpeedTest {
    @Test
    void anEstimateUsesTheBatchMeasuredElseScalesTheNearestElseTheOldPerSampleValue() {
        Map<String, Double> m = new HashMap<>();
        assertThat(CallSpeed.msPerCall(m, "emoji|cpu", 4)).isNull();
        m.put("emoji|cpu", 30.0);
        assertThat(CallSpeed.msPerCall(m, "emoji|cpu", 4)).isCloseTo(120.0, within(1e-9));
        m.put(CallSpeed.key("emoji|cpu", 1), 25.0);
        m.put(CallSpeed.key("emoji|cpu", 8), 160.0);
        assertThat(CallSpeed.msPerCall(m, "emoji|cpu", 8)).isEqualTo(160.0);
        // 6 is nearest to 8: 20 ms a sample there, so 120 ms; batch 2 is nearest to 1: 50 ms.
        assertThat(CallSpeed.msPerCall(m, "emoji|cpu", 6)).isCloseTo(120.0, within(1e-9));
        assertThat(CallSpeed.msPerCall(m, "emoji|cpu", 2)).isCloseTo(50.0, within(1e-9));
        assertThat(CallSpeed.msPerCall(m, "other|cpu", 1)).isNull();
    }

    @Test
    void aRunsSpeedIsItsWholeTimeOverItsCallsInTheProgressLinesUnits() {
        assertThat(CallSpeed.measured(2_000_000_000L, 100)).isEqualTo(20.0);
        assertThat(CallSpeed.seconds(460, 20.0)).isEqualTo(9.2);
        assertThat(CallSpeed.rate(20.0)).isEqualTo("50.0 calls/s");
    }
}

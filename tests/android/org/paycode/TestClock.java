package org.paycode;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A settable clock for the tests; "unknown" makes it throw DateTimeException. */
final class TestClock extends Clock {
    private volatile long now;
    private volatile boolean unknown;

    TestClock(long now) {
        this.now = now;
    }

    void set(long seconds) {
        now = seconds;
        unknown = false;
    }

    void setUnknown() {
        unknown = true;
    }

    @Override
    public Instant instant() {
        if (unknown) {
            throw new DateTimeException("RTC not set");
        }
        return Instant.ofEpochSecond(now);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

package org.paycode;

import org.junit.runner.RunWith;
import org.junit.runners.Suite;

/** Every host test of the Android binding (make android-jni-test). */
@RunWith(Suite.class)
@Suite.SuiteClasses({
    MpmVectorsTest.class,
    OtpVectorsTest.class,
    CodeVectorsTest.class,
    MpmTest.class,
    WalletTest.class,
    P256Test.class,
})
public class AllTests {
}

package dev.openpanel.camel.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Input echoed in messages, logs and output cells is capped, and cannot forge a log line. */
class InputEchoTest {

    @Test
    void aShortValueIsKeptAsItIs() {
        assertThat(InputEcho.quoted("Shop EU ✓")).isEqualTo("Shop EU ✓");
        assertThat(InputEcho.cell("=cmd")).isEqualTo("=cmd");
        assertThat(InputEcho.quoted(null)).isNull();
    }

    @Test
    void aLongValueKeepsItsFirstCharactersAndSaysHowLongItWas() {
        String huge = "a".repeat(10_485_760);
        assertThat(InputEcho.quoted(huge)).isEqualTo("a".repeat(200) + "…(10485760 characters)");
        assertThat(InputEcho.cell(huge)).isEqualTo("a".repeat(2000) + "…(10485760 characters)");
        assertThat(InputEcho.quoted("b".repeat(200))).isEqualTo("b".repeat(200));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "x".repeat(199) + "😀" + "y";
        assertThat(InputEcho.quoted(emoji)).isEqualTo("x".repeat(199) + "…(202 characters)");
    }

    @Test
    void controlAndFormatCharactersAreEscapedSoNoValueStartsANewLogLine() {
        assertThat(InputEcho.quoted("evil\nINFO  forged line\r\t\u0000\u202e"))
                .isEqualTo("evil\\nINFO  forged line\\r\\t\\u0000\\u202e");
    }
}

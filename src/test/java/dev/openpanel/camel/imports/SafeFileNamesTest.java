package dev.openpanel.camel.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names of the files written about an inbox file are safe whatever its own name. */
class SafeFileNamesTest {

    @Test
    void aPlainNameIsKept() {
        assertThat(SafeFileNames.of("batch-7.csv")).isEqualTo("batch-7.csv");
        assertThat(SafeFileNames.of("données 2026.csv")).isEqualTo("données 2026.csv");
        assertThat(SafeFileNames.of("notes.txt")).isEqualTo("notes.txt");
    }

    @Test
    void anOddNameBecomesPlainKeepsItsExtensionAndGetsAHashOfTheOriginal() {
        assertThat(SafeFileNames.of("..\\..\\evil.csv")).matches("____evil-[0-9a-f]{8}\\.csv");
        assertThat(SafeFileNames.of(".dotfile.csv")).matches("_dotfile-[0-9a-f]{8}\\.csv");
        assertThat(SafeFileNames.of("line\nbreak.csv")).matches("line_break-[0-9a-f]{8}\\.csv");
        assertThat(SafeFileNames.of("..%2F..%2Fevil2.csv")).matches("__2F__2Fevil2-[0-9a-f]{8}\\.csv");
        assertThat(SafeFileNames.of("x".repeat(250) + ".csv")).matches("x{90}-[0-9a-f]{8}\\.csv");
        assertThat(SafeFileNames.of(".a.csv")).isNotEqualTo(SafeFileNames.of("_a.csv")).isNotEqualTo(SafeFileNames.of(".a.CSV"));
    }

    @Test
    void everyResultIsPlain() {
        for (String name : new String[] { "..", ".", "...csv", "a/b", "\u202ecsv.exe", " lead.csv", "%2e%2e.csv", "=cmd.csv" }) {
            assertThat(SafeFileNames.isPlain(SafeFileNames.of(name))).as(name).isTrue();
        }
    }
}

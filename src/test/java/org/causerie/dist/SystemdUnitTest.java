package org.causerie.dist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release's systemd unit, checked by systemd's own tools without a running systemd: {@code systemd-analyze
 * verify} (syntax, known settings) and {@code systemd-analyze security --offline} (its exposure score, written
 * to target/systemd-security.txt). Skipped, saying so, where systemd-analyze is not installed (Debian:
 * {@code apt-get install systemd}).
 */
class SystemdUnitTest {
    static final Path UNIT = Path.of("dist", "systemd", "causerie.service");
    static final String LAUNCHER = "/opt/causerie/bin/causerie";
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for causerie\\.service: ([0-9.]+)");

    @TempDir
    static Path dir;
    static Path unit;

    /** The unit as installed, but naming a launcher that exists here: verify checks that ExecStart can run. */
    @BeforeAll
    static void copyTheUnit() throws IOException {
        Path launcher = Files.writeString(dir.resolve("causerie"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        String text = Files.readString(UNIT);
        assertThat(text).contains("ExecStart=" + LAUNCHER + " server");
        unit = Files.writeString(dir.resolve("causerie.service"), text.replace(LAUNCHER, launcher.toString()));
    }

    record Result(int status, String output) {}

    static Result analyze(String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of("systemd-analyze"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "systemd-analyze is not installed (Debian: apt-get install systemd): the unit is not checked");
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void systemdAcceptsTheUnit() throws Exception {
        Result verify = analyze("verify", unit.toString());

        assertThat(verify.output()).isEmpty();
        assertThat(verify.status()).isZero();
    }

    @Test
    void theUnitIsHardenedAsSystemdJudgesIt() throws Exception {
        Result security = analyze("security", "--offline=true", unit.toString());
        Matcher score = EXPOSURE.matcher(security.output());

        assertThat(score.find()).as(security.output()).isTrue();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "systemd-security.txt"), security.output());
        // 10 is "UNSAFE", 0 fully locked down; below 2 systemd calls it "OK".
        assertThat(Double.parseDouble(score.group(1))).isLessThan(2.0);
        for (String setting : List.of("NoNewPrivileges=yes", "ProtectSystem=strict", "Restart=on-failure",
                "StateDirectory=causerie", "User=causerie")) {
            assertThat(Files.readString(UNIT)).contains(setting);
        }
    }
}

package org.causerie.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /login alice s3cret-pw              | /login alice
            /LOGIN   alice   s3cret-pw  extra   | /LOGIN alice
            /register s3cret-pw                 | /register
            /password old-secret new-secret     | /password
            /resume 9f86d081884c7d659a2feaa0c55 | /resume
            '  /login alice s3cret'             | /login alice
            /login alice                        | /login alice
            /msg alice s3cret-pw                | /msg alice s3cret-pw
            hello /login alice pw               | hello /login alice pw
            """)
    void theHistoryKeepsNoSecret(String line, String kept) {
        assertThat(Secrets.redact(line)).isEqualTo(kept);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /login alice s3cret            | /login alice ******
            '/login  alice  s3 '           | '/login  alice  ** '
            /password old new-pw           | /password *** ******
            /register p                    | /register *
            /login al                      | /login al
            /me waves                      | /me waves
            """)
    void theScreenShowsSecretsAsStarsKeepingTheCursorWhereItIs(String line, String shown) {
        assertThat(Secrets.mask(line)).isEqualTo(shown).hasSameSizeAs(line);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /login alice       | password: false
            /register          | new password: true
            '/password '       | current password: false,new password: true
            /resume            | token: false
            """)
    void aCommandWithoutItsSecretsAsksForThem(String line, String asks) {
        List<String> expected = List.of(asks.split(","));
        assertThat(Secrets.missing(line)).map(ask -> ask.prompt() + ask.confirm()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /login
            /login alice pw
            /register pw
            /password old new
            /nick alice
            hello
            """)
    void aCompleteLineOrAnotherCommandAsksNothing(String line) {
        assertThat(Secrets.missing(line)).isEmpty();
    }
}

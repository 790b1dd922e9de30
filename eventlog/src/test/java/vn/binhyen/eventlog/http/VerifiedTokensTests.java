package vn.binhyen.eventlog.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** A verified token is remembered by its exact text until it expires; nothing else is. */
class VerifiedTokensTests {
    static final AtomicInteger FULL_VERIFICATIONS = new AtomicInteger();

    /** On the development key, counting how often smallrye-jwt really verifies. */
    static class Counting extends VerifiedTokens {
        Counting(long size, Duration atMost) {
            super(new JWTAuthContextInfo(key(), "https://binhyen.vn/dev"), size, atMost);
        }

        static java.security.interfaces.RSAPublicKey key() {
            try (var in = VerifiedTokensTests.class.getResourceAsStream("/binhyen/dev-jwt/publicKey.pem")) {
                return (java.security.interfaces.RSAPublicKey) io.smallrye.jwt.util.KeyUtils.decodePublicKey(
                        new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected JsonWebToken verify(String token) throws ParseException {
            FULL_VERIFICATIONS.incrementAndGet();
            return super.verify(token);
        }
    }

    @Test
    void aVerifiedToken_isVerifiedOnce_whileAnyOtherText_andEveryFailure_isVerifiedEachTime() throws Exception {
        var tokens = new Counting(100, Duration.ofMinutes(10));
        String bot = vn.binhyen.testsupport.Tokens.forRole("BOT", "zalo-bot");
        int before = FULL_VERIFICATIONS.get();
        for (int i = 0; i < 5; i++) {
            assertThat(tokens.parse(bot).getName()).isEqualTo("zalo-bot");
        }
        assertThat(FULL_VERIFICATIONS.get() - before).as("the same text verified once").isEqualTo(1);

        // a token signed with another key, and one whose claims were edited: verified, refused, never remembered
        String forged = vn.binhyen.testsupport.Tokens.forgedForRole("BOT");
        String[] parts = bot.split("\\.");
        String edited = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new String(java.util.Base64
                .getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8).replace("zalo-bot",
                        "zalo-bou").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + edited + "." + parts[2];
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
            assertThatThrownBy(() -> tokens.parse(tampered)).isInstanceOf(ParseException.class);
        }
        assertThat(FULL_VERIFICATIONS.get() - before).isEqualTo(5);
    }

    @Test
    void aTokenIsNotRememberedPastItsExpiry_norPastTheCap() throws Exception {
        int before = FULL_VERIFICATIONS.get();
        var capped = new Counting(100, Duration.ZERO);
        String bot = vn.binhyen.testsupport.Tokens.forRole("BOT", "zalo-bot");
        capped.parse(bot);
        capped.parse(bot);
        assertThat(FULL_VERIFICATIONS.get() - before).as("a zero cap remembers nothing").isEqualTo(2);
        assertThat(Instant.ofEpochSecond(capped.parse(bot).getExpirationTime())).isAfter(Instant.now());
    }

    /** The development public key as a key set (JWKS) naming it {@code kid}. */
    static String keySet(String kid) {
        var key = Counting.key();
        var b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        byte[] n = key.getModulus().toByteArray();
        if (n[0] == 0) {
            n = java.util.Arrays.copyOfRange(n, 1, n.length);
        }
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + b64.encodeToString(n) + "\",\"e\":\"" + b64.encodeToString(key.getPublicExponent().toByteArray())
                + "\"}]}";
    }

    @Test
    void aRememberedToken_isRefused_onceItsKeyIsNoLongerPublished_issue_21(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        // given the issuer's key set publishing k1, and a token signed by k1, verified and remembered
        java.nio.file.Path jwks = dir.resolve("jwks.json");
        java.nio.file.Files.writeString(jwks, keySet("k1"));
        var tokens = new VerifiedTokens(new JWTAuthContextInfo("file:" + jwks, "https://binhyen.vn/dev"), 100,
                Duration.ofMinutes(10), Duration.ZERO);
        String bot = vn.binhyen.testsupport.Tokens.withKeyId("BOT", "zalo-bot", "k1");
        assertThat(tokens.parse(bot).getName()).isEqualTo("zalo-bot");
        assertThat(tokens.parse(bot).getName()).as("remembered").isEqualTo("zalo-bot");

        // when the issuer rotates k1 out (the same material under a new id: only the published ids count)
        java.nio.file.Files.writeString(jwks, keySet("k2"));

        // then the remembered token is refused at the next check, and so is a fresh one signed by k1
        assertThatThrownBy(() -> tokens.parse(bot)).isInstanceOf(ParseException.class)
                .hasMessageContaining("no longer the issuer's");
        assertThatThrownBy(() -> tokens.parse(vn.binhyen.testsupport.Tokens.withKeyId("BOT", "other-bot", "k1")))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void aKeyIdIsReadFromTheTokensHeader_andAMalformedOneNamesNone() {
        assertThat(VerifiedTokens.kidOf(vn.binhyen.testsupport.Tokens.withKeyId("BOT", "b", "k-7"))).isEqualTo("k-7");
        assertThat(VerifiedTokens.kidOf(vn.binhyen.testsupport.Tokens.forRole("BOT", "b"))).isEqualTo("(none)");
        assertThat(VerifiedTokens.kidOf("!!!.x.y")).isEqualTo("(none)");
        assertThat(VerifiedTokens.kidOf("no-dots")).isEqualTo("(none)");
    }
}

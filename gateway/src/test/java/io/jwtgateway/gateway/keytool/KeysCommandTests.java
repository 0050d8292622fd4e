package io.jwtgateway.gateway.keytool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.verify.JwtJson;
import io.jwtgateway.gateway.verify.SigningKeys;
import io.jwtgateway.gateway.verify.VerifierFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ByteArrayResource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code keys} command, run in-process with captured streams; what it makes is read back by the gateway's code. */
class KeysCommandTests {

    static final Pattern PRIVATE_PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----\n(?:[A-Za-z0-9+/=]{1,64}\n)+-----END PRIVATE KEY-----\n");
    static final Pattern PUBLIC_PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----\n(?:[A-Za-z0-9+/=]{1,64}\n)+-----END PUBLIC KEY-----\n");
    static final Pattern JWK = Pattern.compile("^\\{\n.*?\n}$", Pattern.MULTILINE | Pattern.DOTALL);
    static final Pattern API_KEY = Pattern.compile("^([A-Za-z0-9_-]{43})$", Pattern.MULTILINE);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"RS256, 2048", "RS384, 3072", "RS512, 4096", "PS256, 2048", "ES256, P-256", "ES384, P-384",
            "EdDSA, Ed25519"})
    void generateWhenAsymmetricThenGatewayLoadsPrintedKeyWithPrintedKid(String algorithm, String size)
            throws IOException {
        Run run = run("", "keys", "generate", algorithm);

        assertThat(run.exit()).isZero();
        Path privateKey = Files.writeString(dir.resolve("private.pem"), match(PRIVATE_PEM, run.out()));
        SigningKeys gatewayKeys = VerifierFixture.signingKeys(AuthConfig.of("signing.algorithm=" + algorithm,
                "hmac-secret=", "signing.private-key=" + privateKey));
        Map<String, Object> jwk = json(match(JWK, run.out()));
        assertThat(jwk).containsEntry("kid", gatewayKeys.keyId()).containsEntry("alg", algorithm)
                .containsEntry("use", "sig");
        assertThat(gatewayKeys.publicJwks()).containsExactly(jwk);
        assertThat(run.out()).contains("kid " + gatewayKeys.keyId())
                .contains("gateway.auth.signing.algorithm=" + algorithm + "\n")
                .contains("gateway.auth.signing.private-key=");
        assertThat(keySize(jwk)).isEqualTo(size);
        verifiesWithPrintedJwk(gatewayKeys, jwk);
    }

    @Test
    void generateWhenOutGivenThenWritesOwnerOnlyPrivateKeyAndPublicKeyGatewayReads() throws IOException {
        Path out = dir.resolve("keys");

        Run run = run("", "keys", "generate", "ES256", "--out", out.toString());

        assertThat(run.exit()).isZero();
        Path privateKey = out.resolve("private.pem");
        assertThat(run.out()).doesNotContain("PRIVATE KEY")
                .contains("gateway.auth.signing.private-key=" + privateKey.toAbsolutePath() + "\n");
        assertThat(Files.readString(privateKey)).matches(PRIVATE_PEM);
        assertThat(Files.readString(out.resolve("public.pem"))).matches(PUBLIC_PEM);
        if (Files.getFileStore(out).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        }
        String kid = json(match(JWK, run.out())).get("kid").toString();
        SigningKeys current = VerifierFixture.signingKeys(AuthConfig.of("signing.algorithm=ES256", "hmac-secret=",
                "signing.private-key=" + privateKey));
        SigningKeys rotated = VerifierFixture.signingKeys(AuthConfig.of("signing.algorithm=ES256", "hmac-secret=",
                "signing.previous-public-keys[0]=" + out.resolve("public.pem")));
        assertThat(current.keyId()).isEqualTo(kid);
        assertThat(rotated.publicJwks().get(1)).containsEntry("kid", kid);
    }

    @Test
    void generateWhenOutAlreadyHoldsKeysThenExitsOneAndKeepsThem() throws IOException {
        run("", "keys", "generate", "EdDSA", "--out", dir.toString());
        String before = Files.readString(dir.resolve("private.pem"));

        Run again = run("", "keys", "generate", "EdDSA", "--out", dir.toString());

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("private.pem already exists");
        assertThat(Files.readString(dir.resolve("private.pem"))).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource({"HS256, 32", "HS384, 48", "HS512, 64"})
    void generateWhenHmacThenPrintsRandomSecretTheGatewayAccepts(String algorithm, int bytes) {
        Run run = run("", "keys", "generate", algorithm);

        assertThat(run.exit()).isZero();
        String secret = match(Pattern.compile("^gateway\\.auth\\.hmac-secret=([A-Za-z0-9_-]+)$", Pattern.MULTILINE),
                run.out());
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(bytes);
        assertThat(run.out()).contains("gateway.auth.signing.algorithm=" + algorithm + "\n");
        AuthProperties properties = AuthConfig.of("signing.algorithm=" + algorithm, "hmac-secret=" + secret);
        assertThat(VerifierFixture.signingKeys(properties).algorithm()).isEqualTo(algorithm);
    }

    @Test
    void apiKeyWhenGeneratedThenPropertiesSnippetAdmitsPrintedKey() throws IOException {
        Run run = run("", "keys", "api-key", "--subject", "Shöp \"north\" \\ 1", "--client-id", "shop-1",
                "--roles", "user, admin");

        assertThat(run.exit()).isZero();
        String key = match(API_KEY, run.out());
        assertThat(Base64.getUrlDecoder().decode(key)).hasSize(32);
        Properties snippet = new Properties();
        snippet.load(new StringReader(run.out().substring(run.out().indexOf("gateway.auth.api-keys[0]."))));
        ApiKey entry = bind(snippet).apiKeys().get(0);
        assertThat(entry.sha256()).isEqualTo(Sha256.hex(key.getBytes(UTF_8)));
        assertThat(entry.subject()).isEqualTo("Shöp \"north\" \\ 1");
        assertThat(entry.clientId()).isEqualTo("shop-1");
        assertThat(entry.roles()).containsExactly("user", "admin");
    }

    @Test
    void apiKeyWhenGeneratedThenYamlSnippetAdmitsPrintedKey() throws IOException {
        Run run = run("", "keys", "api-key", "--subject", "Shöp \"north\" \\ 1", "--roles", "admin");

        String key = match(API_KEY, run.out());
        String yaml = run.out().substring(run.out().indexOf("gateway:\n"), run.out().indexOf("\n\n# or"));
        Properties snippet = new Properties();
        for (var source : new YamlPropertySourceLoader().load("snippet", new ByteArrayResource(yaml.getBytes(UTF_8)))) {
            var names = (EnumerablePropertySource<?>) source;
            for (String name : names.getPropertyNames()) {
                snippet.setProperty(name, String.valueOf(names.getProperty(name)));
            }
        }
        ApiKey entry = bind(snippet).apiKeys().get(0);
        assertThat(entry.sha256()).isEqualTo(Sha256.hex(key.getBytes(UTF_8)));
        assertThat(entry.subject()).isEqualTo("Shöp \"north\" \\ 1");
        assertThat(entry.clientId()).isNull();
        assertThat(entry.roles()).containsExactly("admin");
    }

    @Test
    void apiKeyWhenNoSubjectThenSubjectIsClientId() {
        Run run = run("", "keys", "api-key", "--client-id", "billing");

        assertThat(run.out()).contains("gateway.auth.api-keys[0].subject=billing\n");
    }

    @Test
    void apiKeyWhenRunTwiceThenKeysDiffer() {
        String first = match(API_KEY, run("", "keys", "api-key").out());
        String second = match(API_KEY, run("", "keys", "api-key").out());

        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"key-123", "key-123\n", "key-123\r\n"})
    void hashApiKeyWhenKeyPipedThenPrintsSha256HexOfKeyWithoutLineEnd(String stdin) {
        Run run = run(stdin, "keys", "hash-api-key");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(Sha256.hex("key-123".getBytes(UTF_8)) + System.lineSeparator());
    }

    @Test
    void hashApiKeyWhenKeyHasSpacesThenSpacesAreHashed() {
        Run run = run(" key ", "keys", "hash-api-key");

        assertThat(run.out().strip()).isEqualTo(Sha256.hex(" key ".getBytes(UTF_8)));
    }

    @Test
    void hashApiKeyWhenKnownKeyThenMatchesSha256sum() {
        Run run = run("abc\n", "keys", "hash-api-key");

        // printf %s abc | sha256sum
        assertThat(run.out().strip()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "one\ntwo\n", "one\rtwo"})
    void hashApiKeyWhenStdinIsNotOneKeyThenMisuse(String stdin) {
        Run run = run(stdin, "keys", "hash-api-key");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h", "generate --help"})
    void helpWhenAskedThenUsageOnStdoutAndExitZero(String args) {
        Run run = run("", words("keys " + args));

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(KeysCommand.USAGE);
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gen", "generate", "generate ES512", "generate es256", "generate ES256 ES384",
            "generate ES256 --out", "generate ES256 --out=", "generate HS256 --out x", "generate ES256 --force 1",
            "api-key extra", "api-key --client-id a:b", "api-key --roles a,,b", "api-key --subject \t",
            "api-key --subject a --subject b", "hash-api-key extra"})
    void keysWhenCommandLineIsWrongThenUsageOnStderrAndExitTwo(String args) {
        Run run = run("key", words("keys " + args));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("keys: ").endsWith(KeysCommand.USAGE);
    }

    record Run(int exit, String out, String err) {
    }

    /** Runs as {@code main} does: the first word selects the command and is not passed on. */
    static Run run(String stdin, String... args) {
        assertThat(args[0]).isEqualTo(KeysCommand.NAME);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new KeysCommand(new ByteArrayInputStream(stdin.getBytes(UTF_8)), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8)).run(List.of(args).subList(1, args.length).toArray(String[]::new));
        return new Run(exit, out.toString(UTF_8), err.toString(UTF_8));
    }

    static String[] words(String line) {
        List<String> words = new ArrayList<>(List.of(line.split(" ")));
        words.removeIf(String::isEmpty);
        return words.toArray(String[]::new);
    }

    static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", pattern, text).isTrue();
        return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
    }

    static Map<String, Object> json(String text) {
        return JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
    }

    static AuthProperties bind(Properties snippet) {
        List<String> entries = new ArrayList<>();
        snippet.forEach((name, value) -> entries.add(name.toString().substring("gateway.auth.".length()) + "="
                + value));
        return AuthConfig.of(entries.toArray(String[]::new));
    }

    /** An RSA key's modulus bits, or an EC or OKP key's curve. */
    static String keySize(Map<String, Object> jwk) {
        if (jwk.containsKey("crv")) {
            return jwk.get("crv").toString();
        }
        byte[] modulus = Base64.getUrlDecoder().decode(jwk.get("n").toString());
        return String.valueOf(new BigInteger(1, modulus).bitLength());
    }

    /** A token the gateway signs verifies with the printed JWK: the JWK is the signing key's public half. */
    static void verifiesWithPrintedJwk(SigningKeys gatewayKeys, Map<String, Object> jwk) {
        String token = gatewayKeys.signWith(Jwts.builder().json(JwtJson.writer()).subject("probe")).compact();
        PublicKey key =
                ((PublicJwk<?>) Jwks.parser().json(JwtJson.reader()).build().parse(JSON.writeValueAsString(jwk)))
                        .toKey();

        assertThat(Jwts.parser().json(JwtJson.reader()).verifyWith(key).build().parseSignedClaims(token).getPayload()
                .getSubject())
                .isEqualTo("probe");
    }
}

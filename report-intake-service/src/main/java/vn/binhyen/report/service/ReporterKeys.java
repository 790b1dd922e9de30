package vn.binhyen.report.service;

import vn.binhyen.report.config.ReportIntakeConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import vn.binhyen.contracts.report.ReportEvent.Reporter;
import vn.binhyen.eventlog.EventLogException;

/**
 * Everything personal of a report under the report's own key (AES-256-GCM, the report id as
 * associated data, a fresh 96-bit nonce per value): the reporter's name, address, phone and
 * refusal reason, the tip's details and its content (issue 21, audit F8). Events and read models
 * hold {@code enc:v1:<base64>}; the events' hashes, computed over the ciphertext, still verify.
 *
 * <p>The report keys are stored only wrapped (AES-256-GCM) under a master key kept outside the
 * database ({@code BINHYEN_MASTER_KEY_FILE}: 32 bytes, raw or in base64), so a database dump,
 * a replica or a backup yields nothing readable. Shredding replaces the wrapped key with a
 * tombstone: every copy of the data reads as {@link #SHREDDED} at once, every page and export
 * keeps working, and nothing more can be sealed for that report ({@link Shredded}).
 */
@ApplicationScoped
public class ReporterKeys {
    static final String PREFIX = "enc:v1:";
    /** What a shredded value reads as. */
    public static final String SHREDDED = "[đã hủy]";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ReporterKeys.class);
    /**
     * The development master key, SHA-256 of a public sentence: used only when no master key file
     * is configured, outside the prod profile (which refuses to start without one).
     */
    static final byte[] DEVELOPMENT_MASTER_KEY = sha256("Bình Yên development master key: never for production");

    private final AgroalDataSource dataSource;
    private final SecretKey master;

    ReporterKeys(AgroalDataSource dataSource, ReportIntakeConfig.Report report) {
        Optional<String> masterKeyFile = report.masterKeyFile();
        this.dataSource = dataSource;
        this.master = new SecretKeySpec(masterKeyFile.map(ReporterKeys::readMasterKey).orElseGet(() -> {
            LOG.warn("no master key file (BINHYEN_MASTER_KEY_FILE): report keys are wrapped under the development "
                    + "master key; never run like this in production");
            return DEVELOPMENT_MASTER_KEY;
        }), "AES");
    }

    /** A report whose personal data was shredded: nothing more is sealed for it. */
    public static final class Shredded extends RuntimeException {
        public Shredded(String reportId) {
            super("the personal data of " + reportId + " was shredded; nothing more can be recorded for it");
        }
    }

    /** What a report's sealed fields are: the reporter, the tip's details, the content. */
    public record Sealed(Reporter reporter, vn.binhyen.contracts.report.ReportEvent.TipDetails details, String content) {
    }

    /**
     * Seals a report being received: its key is created without looking for one first (a key
     * already there is a retry racing us: a ConcurrencyException).
     */
    public Sealed sealNew(String reportId, Reporter r, vn.binhyen.contracts.report.ReportEvent.TipDetails d,
            String content, Instant at) {
        SecretKey key = create(reportId, at);
        return new Sealed(sealWith(key, reportId, r), sealWith(key, reportId, d), seal(key, reportId, content));
    }

    /** Seals what a completion adds, under the report's key (created if the report had none). */
    public Sealed seal(String reportId, Reporter r, vn.binhyen.contracts.report.ReportEvent.TipDetails d,
            String content, Instant at) {
        if (r == null && d == null && (content == null || content.isBlank())) {
            return new Sealed(null, null, content);
        }
        SecretKey key = keyOrShredded(reportId).orElseGet(() -> create(reportId, at));
        return new Sealed(sealWith(key, reportId, r), sealWith(key, reportId, d), seal(key, reportId, content));
    }

    /** The details in clear, or {@link #SHREDDED} where the key is gone. */
    public vn.binhyen.contracts.report.ReportEvent.TipDetails open(String reportId,
            vn.binhyen.contracts.report.ReportEvent.TipDetails d) {
        if (d == null) {
            return null;
        }
        Optional<SecretKey> key = key(reportId);
        return new vn.binhyen.contracts.report.ReportEvent.TipDetails(d.incidentAt(), decrypt(key, reportId, d.place()),
                decrypt(key, reportId, d.summary()), decrypt(key, reportId, d.suspect()),
                decrypt(key, reportId, d.victim()), decrypt(key, reportId, d.witnesses()),
                decrypt(key, reportId, d.escapeDirection()), decrypt(key, reportId, d.means()),
                decrypt(key, reportId, d.damage()), decrypt(key, reportId, d.actionsTaken()),
                decrypt(key, reportId, d.howKnown()));
    }

    /** A sealed text under the report's key (for read models such as the register). */
    public String sealText(String reportId, String clear) {
        return keyOrShredded(reportId).map(k -> seal(k, reportId, clear)).orElse(clear == null ? null : SHREDDED);
    }

    private static vn.binhyen.contracts.report.ReportEvent.TipDetails sealWith(SecretKey k, String id,
            vn.binhyen.contracts.report.ReportEvent.TipDetails d) {
        if (d == null) {
            return null;
        }
        return new vn.binhyen.contracts.report.ReportEvent.TipDetails(d.incidentAt(), seal(k, id, d.place()),
                seal(k, id, d.summary()), seal(k, id, d.suspect()), seal(k, id, d.victim()), seal(k, id, d.witnesses()),
                seal(k, id, d.escapeDirection()), seal(k, id, d.means()), seal(k, id, d.damage()),
                seal(k, id, d.actionsTaken()), seal(k, id, d.howKnown()));
    }

    /** Blank values stay as they are (they tell nothing, and the intake's checks read them as missing). */
    private static String seal(SecretKey key, String reportId, String clear) {
        return clear == null || clear.isBlank() ? clear : encrypt(key, reportId, clear);
    }

    private static Reporter sealWith(SecretKey key, String reportId, Reporter r) {
        if (r == null) {
            return null;
        }
        return new Reporter(seal(key, reportId, r.name()), seal(key, reportId, r.address()),
                seal(key, reportId, r.phone()), seal(key, reportId, r.refusalReason()));
    }

    /** The reporter in clear, or {@link #SHREDDED} where the key is gone. */
    public Reporter open(String reportId, Reporter r) {
        if (r == null) {
            return null;
        }
        Optional<SecretKey> key = key(reportId);
        return new Reporter(decrypt(key, reportId, r.name()), decrypt(key, reportId, r.address()),
                decrypt(key, reportId, r.phone()), decrypt(key, reportId, r.refusalReason()));
    }

    public String open(String reportId, String value) {
        return decrypt(key(reportId), reportId, value);
    }

    /** Masked for roles that must not see the data: the first letter of each word, the phone's ends. */
    public Reporter mask(String reportId, Reporter r) {
        if (r == null) {
            return null;
        }
        Reporter clear = open(reportId, r);
        return new Reporter(maskName(clear.name()), clear.address() == null ? null : "***",
                maskPhone(clear.phone()), clear.refusalReason() == null ? null : "***");
    }

    /** Replaces the key with a tombstone: true when there was a key. */
    public boolean shred(String reportId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into reporter_key (report_id, wrapped_key, created_at, shredded_at) values (?, null, now(), now()) "
                        + "on conflict (report_id) do update set wrapped_key = null, key = null, shredded_at = now() "
                        + "where reporter_key.shredded_at is null")) {
            ps.setString(1, reportId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new EventLogException("key of " + reportId + " could not be deleted: " + e.getMessage(), e);
        }
    }

    public static String maskName(String name) {
        if (name == null || name.equals(SHREDDED)) {
            return name;
        }
        // each word (split at runs of ASCII whitespace, as \s+ did) as its first character and ***, in one pass
        String text = name.strip();
        StringBuilder out = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = vn.binhyen.contracts.text.Split.asciiSpace(c);
            if (!space && !inWord) {
                out.append(out.isEmpty() ? "" : " ").append(c).append("***");
            }
            inWord = !space;
        }
        return out.toString();
    }

    static String maskPhone(String phone) {
        if (phone == null || phone.equals(SHREDDED) || phone.length() < 6) {
            return phone == null ? null : "***";
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 2);
    }

    private Optional<SecretKey> key(String reportId) {
        return stored(reportId).flatMap(k -> k);
    }

    /** The key; empty when the report has none yet; {@link Shredded} when it was shredded. */
    private Optional<SecretKey> keyOrShredded(String reportId) {
        var stored = stored(reportId);
        if (stored.isPresent() && stored.get().isEmpty()) {
            throw new Shredded(reportId);
        }
        return stored.flatMap(k -> k);
    }

    /**
     * The keys of many reports, read in one query: a page listing them (the console's queue)
     * opens each row's fields without a query per row. A report without a key, or shredded,
     * reads as {@link #SHREDDED} where it holds ciphertext.
     */
    public Keyring keyring(java.util.Collection<String> reportIds) {
        java.util.Map<String, SecretKey> keys = new java.util.HashMap<>();
        if (reportIds.isEmpty()) {
            return new Keyring(keys);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select report_id, wrapped_key, key from reporter_key where report_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", reportIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] wrapped = rs.getBytes(2);
                    byte[] legacy = rs.getBytes(3);
                    if (wrapped != null) {
                        keys.put(rs.getString(1), new SecretKeySpec(unwrap(rs.getString(1), wrapped), "AES"));
                    } else if (legacy != null) {
                        keys.put(rs.getString(1), new SecretKeySpec(legacy, "AES"));
                    }
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("report keys could not be read: " + e.getMessage(), e);
        }
        return new Keyring(keys);
    }

    /** Keys read together by {@link #keyring}. */
    public static final class Keyring {
        private final java.util.Map<String, SecretKey> keys;

        Keyring(java.util.Map<String, SecretKey> keys) {
            this.keys = keys;
        }

        public String open(String reportId, String value) {
            return decrypt(Optional.ofNullable(keys.get(reportId)), reportId, value);
        }
    }

    /**
     * A secret that is not a report's (a session's tokens) sealed under the master key itself,
     * bound to {@code context}: a database read yields nothing usable, nor one row's value in another.
     */
    public String sealSecret(String context, String clear) {
        return encrypt(master, "secret:" + context, clear);
    }

    public String openSecret(String context, String sealed) {
        return sealed == null ? null : decrypt(Optional.of(master), "secret:" + context, sealed);
    }

    /** Empty: no row; a row with an empty key: a tombstone (shredded). */
    private Optional<Optional<SecretKey>> stored(String reportId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select wrapped_key, key from reporter_key where report_id = ?")) {
            ps.setString(1, reportId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                byte[] wrapped = rs.getBytes(1);
                byte[] legacy = rs.getBytes(2);
                if (wrapped != null) {
                    return Optional.of(Optional.of(new SecretKeySpec(unwrap(reportId, wrapped), "AES")));
                }
                // a key stored before wrapping (V105 leaves it until this service wraps it at start)
                return Optional.of(legacy == null ? Optional.empty() : Optional.of(new SecretKeySpec(legacy, "AES")));
            }
        } catch (SQLException e) {
            throw new EventLogException("key of " + reportId + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Wraps keys stored in clear before there was a master key; run once at start. */
    void wrapLegacyKeys(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select report_id, key from reporter_key where key is not null");
                PreparedStatement update = c.prepareStatement(
                        "update reporter_key set wrapped_key = ?, key = null where report_id = ?")) {
            int n = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    update.setBytes(1, wrap(rs.getString(1), rs.getBytes(2)));
                    update.setString(2, rs.getString(1));
                    update.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                update.executeBatch();
                LOG.infof("wrapped %d report keys stored before the master key", n);
            }
        } catch (SQLException e) {
            throw new EventLogException("report keys could not be wrapped: " + e.getMessage(), e);
        }
    }

    private byte[] wrap(String reportId, byte[] key) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(("reporter-key:" + reportId).getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(key);
            return ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private byte[] unwrap(String reportId, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(128, wrapped, 0, 12));
            cipher.updateAAD(("reporter-key:" + reportId).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(wrapped, 12, wrapped.length - 12);
        } catch (GeneralSecurityException e) {
            throw new EventLogException("the key of " + reportId + " does not unwrap: another master key, or altered", e);
        }
    }

    /** 32 bytes, raw or as base64 text. */
    static byte[] readMasterKey(String file) {
        try {
            byte[] bytes = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file));
            if (bytes.length == 32) {
                return bytes;
            }
            byte[] decoded = Base64.getDecoder().decode(new String(bytes, StandardCharsets.US_ASCII).strip());
            if (decoded.length != 32) {
                throw new IllegalStateException("the master key file " + file + " holds " + decoded.length
                        + " bytes; an AES-256 key is 32");
            }
            return decoded;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the master key file " + file + " cannot be read as 32 bytes, raw or "
                    + "base64: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecretKey create(String reportId, Instant at) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            SecretKey key = generator.generateKey();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into reporter_key (report_id, wrapped_key, created_at) values (?, ?, ?)")) {
                ps.setString(1, reportId);
                ps.setBytes(2, wrap(reportId, key.getEncoded()));
                ps.setTimestamp(3, Timestamp.from(at));
                ps.executeUpdate();
            }
            return key;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // the same report received concurrently (a retry under its idempotency key): the other wins
                throw new vn.binhyen.eventlog.ConcurrencyException(reportId, 0, -1);
            }
            throw new EventLogException("key of " + reportId + " could not be created: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new EventLogException("key of " + reportId + " could not be created: " + e.getMessage(), e);
        }
    }

    static String encrypt(SecretKey key, String reportId, String clear) {
        if (clear == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(reportId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    static String decrypt(Optional<SecretKey> key, String reportId, String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            return value;
        }
        if (key.isEmpty()) {
            return SHREDDED;
        }
        try {
            byte[] all = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(128, all, 0, 12));
            cipher.updateAAD(reportId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new EventLogException("personal data of " + reportId + " does not decrypt: it was altered", e);
        }
    }
}

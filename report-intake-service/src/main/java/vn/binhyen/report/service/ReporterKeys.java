package vn.binhyen.report.service;

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
 * Reporters' personal data under their own key (AES-256-GCM, the report id as associated
 * data, a fresh 96-bit nonce per value): events and read models hold {@code enc:v1:<base64>};
 * deleting the key shreds every copy at once, and the events' hashes, computed over the
 * ciphertext, still verify.
 */
@ApplicationScoped
public class ReporterKeys {
    static final String PREFIX = "enc:v1:";
    /** What a shredded value reads as. */
    public static final String SHREDDED = "[đã hủy]";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgroalDataSource dataSource;

    ReporterKeys(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Encrypts the reporter's name, address and phone under the report's key (created on first use). */
    public Reporter seal(String reportId, Reporter r, Instant at) {
        if (r == null || (r.name() == null && r.address() == null && r.phone() == null)) {
            return r;
        }
        return sealWith(key(reportId).orElseGet(() -> create(reportId, at)), reportId, r);
    }

    private static Reporter sealWith(SecretKey key, String reportId, Reporter r) {
        return new Reporter(encrypt(key, reportId, r.name()), encrypt(key, reportId, r.address()),
                encrypt(key, reportId, r.phone()), r.refusalReason());
    }

    /**
     * As {@link #seal} for a report being received: its key is created without looking for one
     * first (a key already there is a retry racing us: a ConcurrencyException).
     */
    public Reporter sealNew(String reportId, Reporter r, Instant at) {
        if (r == null || (r.name() == null && r.address() == null && r.phone() == null)) {
            return r;
        }
        return sealWith(create(reportId, at), reportId, r);
    }

    /** The reporter in clear, or {@link #SHREDDED} where the key is gone. */
    public Reporter open(String reportId, Reporter r) {
        if (r == null) {
            return null;
        }
        Optional<SecretKey> key = key(reportId);
        return new Reporter(decrypt(key, reportId, r.name()), decrypt(key, reportId, r.address()),
                decrypt(key, reportId, r.phone()), r.refusalReason());
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
                maskPhone(clear.phone()), r.refusalReason());
    }

    /** Deletes the key: true when there was one. */
    public boolean shred(String reportId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from reporter_key where report_id = ?")) {
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
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select key from reporter_key where report_id = ?")) {
            ps.setString(1, reportId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SecretKeySpec(rs.getBytes(1), "AES")) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EventLogException("key of " + reportId + " could not be read: " + e.getMessage(), e);
        }
    }

    private SecretKey create(String reportId, Instant at) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            SecretKey key = generator.generateKey();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into reporter_key (report_id, key, created_at) values (?, ?, ?)")) {
                ps.setString(1, reportId);
                ps.setBytes(2, key.getEncoded());
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

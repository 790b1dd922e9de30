package vn.binhyen.moderation.service;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import vn.binhyen.moderation.domain.screening.Message;

/**
 * 128-bit prints (the first half of SHA-256) of what the service keeps in memory per message and
 * per member: the answers by (groupId, messageId), the flood counts by (groupId, memberId). A
 * print is two longs, where the ids' strings would keep a hundred bytes or more alive per entry
 * (the flood tracker holds every member who posted within its window: a bot posting as a new
 * member each time adds one per message). SHA-256, not a faster non-cryptographic hash: a
 * message id chosen to collide with another must not share its answer or its flood count.
 * Never stored or sent: strings are fed as their UTF-16 code units, not encoded to UTF-8 first.
 */
final class Prints {
    /** 128 bits of a SHA-256. */
    record Print(long high, long low) {
    }

    private Prints() {
    }

    /** The print of one string. */
    static Print of(String a) {
        return PRINTERS.get().begin().field(a).print();
    }

    /** The print of two strings, each length-prefixed: ("ab", "c") and ("a", "bc") differ. */
    static Print of(String a, String b) {
        return PRINTERS.get().begin().field(a).field(b).print();
    }

    /**
     * A message's content, each field length-prefixed, the posting time aside (a bot may fill it
     * in or not on a retry): what a repeated (groupId, messageId) is compared by.
     */
    static Print of(Message m) {
        Printer f = PRINTERS.get().begin();
        f.field(m.groupId());
        f.field(m.messageId());
        f.field(m.authorId());
        f.field(m.displayName());
        f.field(m.text());
        f.count(m.attachments().size());
        for (Message.Attachment a : m.attachments()) {
            f.field(a.name());
            f.field(a.mimeType());
            f.count((int) (a.size() >>> 32));
            f.count((int) a.size());
            f.count(a.entries() == null ? -1 : a.entries().size());
            if (a.entries() != null) {
                a.entries().forEach(f::field);
            }
        }
        f.count(m.links().size());
        m.links().forEach(f::field);
        f.count(m.forwarded() ? 1 : 0);
        return f.print();
    }

    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A fresh SHA-256, cloned: cheaper than looking up the provider every time. */
    static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ThreadLocal<Printer> PRINTERS = ThreadLocal.withInitial(Printer::new);

    /** A thread's SHA-256 and the buffer its input is gathered in (bounded: long strings go by chunks). */
    private static final class Printer {
        private static final int CHUNK = 2048;
        private final MessageDigest digest = sha256();
        private final char[] chars = new char[CHUNK];
        private final byte[] bytes = new byte[2 * CHUNK + 64];
        private final CharBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).asCharBuffer();
        private final byte[] out = new byte[32];
        private final ByteBuffer outView = ByteBuffer.wrap(out);
        private int used;

        /** Afresh: nothing left over from a print that failed half-way. */
        Printer begin() {
            used = 0;
            digest.reset();
            return this;
        }

        Printer count(int n) {
            if (used + 4 > bytes.length) {
                flush();
            }
            bytes[used++] = (byte) (n >>> 24);
            bytes[used++] = (byte) (n >>> 16);
            bytes[used++] = (byte) (n >>> 8);
            bytes[used++] = (byte) n;
            return this;
        }

        /** A string: its length, or -1 for none, then its UTF-16 code units. */
        Printer field(String value) {
            if (value == null) {
                return count(-1);
            }
            count(value.length());
            for (int from = 0; from < value.length(); from += CHUNK) {
                int to = Math.min(value.length(), from + CHUNK);
                if (used + 2 * (to - from) > bytes.length) {
                    flush();
                }
                value.getChars(from, to, chars, 0);
                view.position(used / 2); // always even: counts are 4 bytes, code units 2
                view.put(chars, 0, to - from);
                used += 2 * (to - from);
            }
            return this;
        }

        private void flush() {
            digest.update(bytes, 0, used);
            used = 0;
        }

        Print print() {
            flush();
            try {
                digest.digest(out, 0, out.length); // and reset for the thread's next print
            } catch (DigestException e) {
                throw new IllegalStateException(e); // 32 bytes always hold a SHA-256
            }
            return new Print(outView.getLong(0), outView.getLong(8));
        }
    }
}

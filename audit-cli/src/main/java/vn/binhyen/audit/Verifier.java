package vn.binhyen.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.LedgerCheckpoint;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.LedgerDigest;

/**
 * Verifies an event log trusting nothing: each envelope's hash against its content, each
 * stream's versions and links, event ids, and each relay's ledger digest against its
 * checkpoints (which is what reveals deleted events and deleted streams). Feed every record,
 * then {@link #breaks()}. An identical record seen twice (an at-least-once redelivery) is not a break.
 * Streams are checked as they are read (a stream's events share a key, so a partition, so an
 * order); only an id → hash map and each ledger's place → (id, hash) are kept, not the events.
 */
public final class Verifier {
    /** A stream's newest event so far: events of a stream come in order (one key, one partition). */
    private static final class Head {
        long version;
        int entry;
        boolean hashless;
    }

    private record Checkpoint(LedgerCheckpoint checkpoint, LogRecord where) {
    }

    private final EventIndex index = new EventIndex();
    private final Map<String, Head> heads = new HashMap<>();
    private final Map<String, LedgerPlaces> ledgers = new HashMap<>();
    private final Map<String, List<Checkpoint>> checkpoints = new HashMap<>();
    private final List<Break> breaks = new ArrayList<>();
    private long events;

    public long events() {
        return events;
    }

    /**
     * What one record holds, read and hashed on any thread: the costly, order-free part of
     * verification. Exactly one of {@code checkpoint}, {@code fields} and {@code unreadable} is set.
     */
    public record Inspection(LogRecord record, LedgerCheckpoint checkpoint, EnvelopeBytes.Fields fields,
            String unreadable, String ledger, String ledgerPlace) {
    }

    /**
     * Reads and hashes a record, and decodes the headers the checks need; thread-safe, no state.
     * A record whose bytes are an envelope is checked as an event whatever its type header says
     * (a relay writes envelopes only under event types; one under the checkpoint type is forged
     * and is checked all the same); other records must be checkpoints, by header and by content.
     * This reads the type header only for records that are not envelopes: decoding the headers'
     * names, from the end to the type, cost a sixth of a verify's time.
     */
    public static Inspection inspect(LogRecord r) {
        EnvelopeBytes.Fields fields;
        try {
            fields = EnvelopeBytes.read(r.value());
        } catch (RuntimeException notAnEnvelope) {
            if (LedgerCheckpoint.TYPE.equals(r.header(EventHeaders.EVENT_TYPE))) {
                try {
                    return new Inspection(r, Json.MAPPER.readValue(r.value(), LedgerCheckpoint.class), null, null, null,
                            null);
                } catch (java.io.IOException e) {
                    return new Inspection(r, null, null, "a ledger checkpoint that does not parse", null, null);
                }
            }
            return new Inspection(r, null, null, "not an envelope: " + notAnEnvelope.getMessage(), null, null);
        }
        return new Inspection(r, null, fields, null, r.header(EventHeaders.LEDGER),
                r.header(EventHeaders.LEDGER_SEQUENCE));
    }

    public void accept(LogRecord r) {
        apply(inspect(r));
    }

    /** The order-dependent checks, in the log's order (one thread). */
    public void apply(Inspection in) {
        LogRecord r = in.record();
        if (in.checkpoint() != null) {
            LedgerCheckpoint c = in.checkpoint();
            checkpoints.computeIfAbsent(c.ledger(), k -> new ArrayList<>()).add(new Checkpoint(c, r));
            return;
        }
        if (in.fields() == null) {
            boolean checkpoint = LedgerCheckpoint.TYPE.equals(r.header(EventHeaders.EVENT_TYPE));
            breaks.add(at(Break.Kind.UNREADABLE, r, checkpoint ? null : r.header(EventHeaders.EVENT_ID),
                    checkpoint ? null : r.header(EventHeaders.STREAM_ID), in.unreadable()));
            return;
        }
        EnvelopeBytes.Fields e = in.fields();
        String eventId = e.eventId();
        boolean intact = e.intact();
        int seen = index.find(e.id());
        if (seen >= 0) {
            if (!index.hashIs(seen, e.hashBytes()) || !intact) {
                breaks.add(at(Break.Kind.DUPLICATE_EVENT_ID, r, eventId, e.streamId(),
                        "this event id was read before with other content"));
            }
            return; // an identical redelivery
        }
        events++;
        int entry = index.add(e.id(), e.hashBytes());
        if (!intact) {
            breaks.add(at(Break.Kind.HASH_MISMATCH, r, eventId, e.streamId(),
                    "the content does not hash to the recorded hash: altered or forged"));
        }
        Head head = heads.get(e.streamId());
        long expected = head == null ? 1 : head.version + 1;
        if (e.streamVersion() < expected) {
            breaks.add(at(Break.Kind.DUPLICATE_VERSION, r, eventId, e.streamId(), "version " + e.streamVersion()
                    + " of the stream was read before"));
        } else {
            if (e.streamVersion() > expected) {
                breaks.add(at(Break.Kind.VERSION_GAP, r, eventId, e.streamId(), "versions " + expected + ".."
                        + (e.streamVersion() - 1) + " are missing"));
            } else {
                boolean links = head == null ? e.linksToGenesis()
                        : !head.hashless && index.hashIs(head.entry, e.prevHashBytes());
                if (!links) {
                    breaks.add(at(Break.Kind.PREV_HASH_MISMATCH, r, eventId, e.streamId(),
                            "prevHash does not link to version " + (e.streamVersion() - 1)));
                }
            }
            if (head == null) {
                head = new Head();
                heads.put(e.streamId(), head);
            }
            head.version = e.streamVersion();
            head.entry = entry;
            head.hashless = e.hashBytes() == null;
        }
        String ledger = in.ledger();
        String seq = in.ledgerPlace();
        if (ledger == null || seq == null) {
            breaks.add(at(Break.Kind.UNLEDGERED, r, eventId, e.streamId(), "no relay's ledger headers"));
        } else {
            long place;
            try {
                place = Long.parseLong(seq);
            } catch (NumberFormatException ex) {
                breaks.add(at(Break.Kind.UNLEDGERED, r, eventId, e.streamId(), "ledger place is not a number: " + seq));
                return;
            }
            int other = ledgers.computeIfAbsent(ledger, k -> new LedgerPlaces()).putIfAbsent(place, entry);
            if (other >= 0) {
                breaks.add(at(Break.Kind.LEDGER_CONFLICT, r, eventId, e.streamId(), "ledger " + ledger + " place " + seq
                        + " is also event " + index.id(other)));
            }
        }
    }

    /** Every break found, in a stable order. */
    public List<Break> breaks() {
        List<Break> out = new ArrayList<>(breaks);
        checkpoints.forEach((ledger, list) -> out.addAll(ledger(ledger, list)));
        out.sort(Comparator.comparing(Break::topic).thenComparingInt(Break::partition).thenComparingLong(Break::offset)
                .thenComparing(b -> b.kind().name()));
        return out;
    }

    private List<Break> ledger(String name, List<Checkpoint> list) {
        List<Break> out = new ArrayList<>();
        LedgerPlaces published = ledgers.getOrDefault(name, new LedgerPlaces());
        list.sort(Comparator.comparingLong(c -> c.checkpoint().count()));
        LedgerDigest digest = new LedgerDigest();
        for (Checkpoint c : list) {
            while (digest.count() < c.checkpoint().count()) {
                long seq = digest.count() + 1;
                int e = published.get(seq);
                if (e < 0) {
                    Long after = published.ceiling(seq);
                    long next = after == null ? c.checkpoint().count() + 1 : after;
                    out.add(at(Break.Kind.LEDGER_GAP, c.where(), null, null, "ledger " + name + ": events " + seq + ".."
                            + Math.min(next - 1, c.checkpoint().count()) + " of the " + c.checkpoint().count()
                            + " checkpointed are not in the log"));
                    return out; // the digest cannot be followed past a hole
                }
                digest.fold(index.hash(e));
            }
            if (!digest.digest().equals(c.checkpoint().digest())) {
                out.add(at(Break.Kind.LEDGER_MISMATCH, c.where(), null, null, "ledger " + name + " after "
                        + c.checkpoint().count() + " events folds to " + digest.digest() + ", the checkpoint says "
                        + c.checkpoint().digest()));
            }
        }
        return out;
    }

    private static Break at(Break.Kind kind, LogRecord r, String eventId, String streamId, String detail) {
        return new Break(kind, r.topic(), r.partition(), r.offset(), eventId, streamId, detail);
    }
}

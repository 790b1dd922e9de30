package vn.binhyen.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.LedgerCheckpoint;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;
import vn.binhyen.eventlog.HashChain;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.LedgerDigest;

/**
 * Verifies an event log trusting nothing: each envelope's hash against its content, each
 * stream's versions and links, event ids, and each relay's ledger digest against its
 * checkpoints (which is what reveals deleted events and deleted streams). Feed every record,
 * then {@link #breaks()}. An identical record seen twice (an at-least-once redelivery) is not a break.
 * Streams are checked as they are read (a stream's events share a key, so a partition, so an
 * order); only an id → hash map and each ledger's place → hash are kept, not the events.
 */
public final class Verifier {
    /** Where an event was read, and what the checks need of it (no payloads kept: a log can be large). */
    private record Seen(String eventId, String hash, String topic, int partition, long offset) {
    }

    /** A stream's newest event so far: events of a stream come in order (one key, one partition). */
    private record Head(long version, String hash) {
    }

    private record Checkpoint(LedgerCheckpoint checkpoint, LogRecord where) {
    }

    private final Map<java.util.UUID, String> hashById = new HashMap<>();
    private final Map<String, Head> heads = new HashMap<>();
    private final Map<String, TreeMap<Long, Seen>> ledgers = new HashMap<>();
    private final Map<String, List<Checkpoint>> checkpoints = new HashMap<>();
    private final List<Break> breaks = new ArrayList<>();
    private long events;

    public long events() {
        return events;
    }

    public void accept(LogRecord r) {
        if (LedgerCheckpoint.TYPE.equals(r.headers().get(EventHeaders.EVENT_TYPE))) {
            try {
                LedgerCheckpoint c = Json.MAPPER.readValue(r.value(), LedgerCheckpoint.class);
                checkpoints.computeIfAbsent(c.ledger(), k -> new ArrayList<>()).add(new Checkpoint(c, r));
            } catch (java.io.IOException e) {
                breaks.add(at(Break.Kind.UNREADABLE, r, null, null, "a ledger checkpoint that does not parse"));
            }
            return;
        }
        Envelope e;
        try {
            e = EnvelopeJson.fromBytes(r.value());
        } catch (RuntimeException ex) {
            breaks.add(at(Break.Kind.UNREADABLE, r, r.headers().get(EventHeaders.EVENT_ID),
                    r.headers().get(EventHeaders.STREAM_ID), "not an envelope: " + ex.getMessage()));
            return;
        }
        String eventId = e.eventId().toString();
        boolean intact = HashChain.hashOf(e).equals(e.hash());
        String seenHash = hashById.get(e.eventId());
        if (seenHash != null) {
            if (!seenHash.equals(e.hash()) || !intact) {
                breaks.add(at(Break.Kind.DUPLICATE_EVENT_ID, r, eventId, e.streamId(),
                        "this event id was read before with other content"));
            }
            return; // an identical redelivery
        }
        events++;
        hashById.put(e.eventId(), e.hash());
        if (!intact) {
            breaks.add(at(Break.Kind.HASH_MISMATCH, r, eventId, e.streamId(),
                    "the content does not hash to the recorded hash: altered or forged"));
        }
        Head head = heads.get(e.streamId());
        long expected = head == null ? 1 : head.version() + 1;
        if (e.streamVersion() < expected) {
            breaks.add(at(Break.Kind.DUPLICATE_VERSION, r, eventId, e.streamId(), "version " + e.streamVersion()
                    + " of the stream was read before"));
        } else {
            if (e.streamVersion() > expected) {
                breaks.add(at(Break.Kind.VERSION_GAP, r, eventId, e.streamId(), "versions " + expected + ".."
                        + (e.streamVersion() - 1) + " are missing"));
            } else {
                String prev = head == null ? HashChain.GENESIS : head.hash();
                if (!prev.equals(e.prevHash())) {
                    breaks.add(at(Break.Kind.PREV_HASH_MISMATCH, r, eventId, e.streamId(),
                            "prevHash does not link to version " + (e.streamVersion() - 1)));
                }
            }
            heads.put(e.streamId(), new Head(e.streamVersion(), e.hash()));
        }
        String ledger = r.headers().get(EventHeaders.LEDGER);
        String seq = r.headers().get(EventHeaders.LEDGER_SEQUENCE);
        if (ledger == null || seq == null) {
            breaks.add(at(Break.Kind.UNLEDGERED, r, eventId, e.streamId(), "no relay's ledger headers"));
        } else {
            Seen other = ledgers.computeIfAbsent(ledger, k -> new TreeMap<>()).putIfAbsent(Long.parseLong(seq),
                    new Seen(eventId, e.hash(), r.topic(), r.partition(), r.offset()));
            if (other != null) {
                breaks.add(at(Break.Kind.LEDGER_CONFLICT, r, eventId, e.streamId(), "ledger " + ledger + " place " + seq
                        + " is also event " + other.eventId()));
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
        TreeMap<Long, Seen> published = ledgers.getOrDefault(name, new TreeMap<>());
        list.sort(Comparator.comparingLong(c -> c.checkpoint().count()));
        LedgerDigest digest = new LedgerDigest();
        for (Checkpoint c : list) {
            while (digest.count() < c.checkpoint().count()) {
                long seq = digest.count() + 1;
                Seen e = published.get(seq);
                if (e == null) {
                    long next = published.ceilingKey(seq) == null ? c.checkpoint().count() + 1 : published.ceilingKey(seq);
                    out.add(at(Break.Kind.LEDGER_GAP, c.where(), null, null, "ledger " + name + ": events " + seq + ".."
                            + Math.min(next - 1, c.checkpoint().count()) + " of the " + c.checkpoint().count()
                            + " checkpointed are not in the log"));
                    return out; // the digest cannot be followed past a hole
                }
                digest.fold(e.hash());
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

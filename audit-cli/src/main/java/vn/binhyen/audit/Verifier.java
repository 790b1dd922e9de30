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
 */
public final class Verifier {
    private record Located(Envelope envelope, LogRecord where) {
    }

    private record Checkpoint(LedgerCheckpoint checkpoint, LogRecord where) {
    }

    private final Map<String, Located> byEventId = new HashMap<>();
    private final Map<String, TreeMap<Long, Located>> streams = new HashMap<>();
    private final Map<String, TreeMap<Long, Located>> ledgers = new HashMap<>();
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
        Located seen = byEventId.get(eventId);
        if (seen != null) {
            if (!seen.envelope().hash().equals(e.hash()) || !HashChain.hashOf(e).equals(e.hash())) {
                breaks.add(at(Break.Kind.DUPLICATE_EVENT_ID, r, eventId, e.streamId(), "first seen at "
                        + seen.where().topic() + "/" + seen.where().partition() + "@" + seen.where().offset()
                        + " with other content"));
            }
            return; // an identical redelivery
        }
        events++;
        Located here = new Located(e, r);
        byEventId.put(eventId, here);
        if (!HashChain.hashOf(e).equals(e.hash())) {
            breaks.add(at(Break.Kind.HASH_MISMATCH, r, eventId, e.streamId(),
                    "the content does not hash to the recorded hash: altered or forged"));
        }
        Located sameVersion = streams.computeIfAbsent(e.streamId(), k -> new TreeMap<>()).putIfAbsent(e.streamVersion(),
                here);
        if (sameVersion != null) {
            breaks.add(at(Break.Kind.DUPLICATE_VERSION, r, eventId, e.streamId(), "version " + e.streamVersion()
                    + " is also event " + sameVersion.envelope().eventId()));
        }
        String ledger = r.headers().get(EventHeaders.LEDGER);
        String seq = r.headers().get(EventHeaders.LEDGER_SEQUENCE);
        if (ledger == null || seq == null) {
            breaks.add(at(Break.Kind.UNLEDGERED, r, eventId, e.streamId(), "no relay's ledger headers"));
        } else {
            Located other = ledgers.computeIfAbsent(ledger, k -> new TreeMap<>()).putIfAbsent(Long.parseLong(seq), here);
            if (other != null) {
                breaks.add(at(Break.Kind.LEDGER_CONFLICT, r, eventId, e.streamId(), "ledger " + ledger + " place " + seq
                        + " is also event " + other.envelope().eventId()));
            }
        }
    }

    /** Every break found, in a stable order. */
    public List<Break> breaks() {
        List<Break> out = new ArrayList<>(breaks);
        streams.forEach((stream, versions) -> out.addAll(stream(stream, versions)));
        checkpoints.forEach((ledger, list) -> out.addAll(ledger(ledger, list)));
        out.sort(Comparator.comparing(Break::topic).thenComparingInt(Break::partition).thenComparingLong(Break::offset)
                .thenComparing(b -> b.kind().name()));
        return out;
    }

    private static List<Break> stream(String stream, TreeMap<Long, Located> versions) {
        List<Break> out = new ArrayList<>();
        long expected = 1;
        Located previous = null;
        for (var entry : versions.entrySet()) {
            long version = entry.getKey();
            Located here = entry.getValue();
            if (version != expected) {
                out.add(at(Break.Kind.VERSION_GAP, here.where(), here.envelope().eventId().toString(), stream,
                        "versions " + expected + ".." + (version - 1) + " are missing"));
                previous = null;
            }
            String expectedPrev = version == 1 ? HashChain.GENESIS : previous == null ? null : previous.envelope().hash();
            if (expectedPrev != null && !expectedPrev.equals(here.envelope().prevHash())) {
                out.add(at(Break.Kind.PREV_HASH_MISMATCH, here.where(), here.envelope().eventId().toString(), stream,
                        "prevHash does not link to version " + (version - 1)));
            }
            previous = here;
            expected = version + 1;
        }
        return out;
    }

    private List<Break> ledger(String name, List<Checkpoint> list) {
        List<Break> out = new ArrayList<>();
        TreeMap<Long, Located> published = ledgers.getOrDefault(name, new TreeMap<>());
        list.sort(Comparator.comparingLong(c -> c.checkpoint().count()));
        LedgerDigest digest = new LedgerDigest();
        for (Checkpoint c : list) {
            while (digest.count() < c.checkpoint().count()) {
                long seq = digest.count() + 1;
                Located e = published.get(seq);
                if (e == null) {
                    long next = published.ceilingKey(seq) == null ? c.checkpoint().count() + 1 : published.ceilingKey(seq);
                    out.add(at(Break.Kind.LEDGER_GAP, c.where(), null, null, "ledger " + name + ": events " + seq + ".."
                            + Math.min(next - 1, c.checkpoint().count()) + " of the " + c.checkpoint().count()
                            + " checkpointed are not in the log"));
                    return out; // the digest cannot be followed past a hole
                }
                digest.fold(e.envelope().hash());
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

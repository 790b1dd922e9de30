package vn.binhyen.moderation.messaging;

import vn.binhyen.moderation.config.ModerationConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.validator.HibernateValidatorFactory;
import org.jboss.logging.Logger;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.moderation.domain.screening.Message;
import vn.binhyen.moderation.rest.ScreeningResource;
import vn.binhyen.moderation.service.PolicyRegistry;
import vn.binhyen.moderation.service.ScreeningService;

/**
 * The streaming path for bots that do not call REST: each message on
 * {@code binhyen.chat.messages} (the screening request's JSON, keyed by group) is screened as
 * the REST path screens it, and its verdict published to {@code binhyen.moderation.verdicts},
 * keyed by group. A record that is not a valid request gets a verdict naming the problem.
 */
@ApplicationScoped
public class ChatMessagesScreener {
    private static final Logger LOG = Logger.getLogger(ChatMessagesScreener.class);

    private final ScreeningService service;
    private final Clock clock;
    private final VerdictsTopic verdicts;
    private final Validator validator;
    /** The REST path's JSON (with Blackbird, see BlackbirdJson), prepared for requests and verdicts. */
    private final ObjectReader requests;
    private final ObjectWriter verdictsJson;

    /** Each record's budget of CPU time, and the workers that keep to it. */
    private final RecordBudget budget;
    private final java.time.Duration recordBudget;

    ChatMessagesScreener(ScreeningService service, Clock clock, VerdictsTopic verdicts, ValidatorFactory validators,
            ObjectMapper json, ModerationConfig config) {
        java.time.Duration recordBudget = config.stream().recordCpuBudget();
        this.recordBudget = recordBudget;
        this.budget = new RecordBudget(recordBudget.toNanos());
        this.service = service;
        this.clock = clock;
        this.verdicts = verdicts;
        this.requests = json.readerFor(ScreeningResource.ScreeningRequest.class);
        this.verdictsJson = json.writerFor(StreamVerdict.class);
        // the REST path's constraints and resolver (EveryPropertyReachable), whose answers are
        // always yes: not worth remembering per property for each record
        this.validator = validators.unwrap(HibernateValidatorFactory.class).usingContext()
                .enableTraversableResolverResultCache(false).getValidator();
    }

    /** What the stream publishes: the screening result, or why the request could not be screened. */
    public record StreamVerdict(String groupId, String messageId, ScreeningService.Result result, String error) {
    }

    /**
     * A batch of records at a time, in order: each screened, its verdict sent without waiting
     * for the one before. The batch is acknowledged once the broker has every verdict of it, and
     * its records' offsets are committed only then (a crash redoes the batch: at least once).
     * The next batch is screened meanwhile, not after: waiting for the broker's answer (the
     * producer's linger, a round trip) left the screening thread idle for a fifth of the time.
     * Offsets still commit in order: the commit strategy (throttled) commits a partition's
     * offset only once every batch before it is acknowledged too. A verdict the broker could
     * not take in time is sent again until it does ({@link UntilDelivered}).
     */
    @Incoming("chat-messages")
    @Blocking(ordered = true)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> screen(KafkaRecordBatch<String, byte[]> batch) {
        int n = batch.getRecords().size();
        var screened = new java.util.concurrent.atomic.AtomicReferenceArray<Verdict>(n);
        var sent = new java.util.concurrent.atomic.AtomicReferenceArray<CompletableFuture<Void>>(n);
        try {
            // each record within its budget of CPU time: one over it is held for review, and the
            // batch goes on (a record that cannot be screened must not stop every group's stream);
            // each verdict sent as soon as it is made, in order
            budget.each(batch.getRecords(),
                    record -> WhileUnavailable.retry(() -> verdict(record.getKey(), record.getPayload()), this::pause,
                            LOG),
                    (record, cpuNanos) -> WhileUnavailable.retry(() -> overBudget(record.getKey(), record.getPayload(),
                            cpuNanos), this::pause, LOG),
                    (i, verdict) -> {
                        screened.set(i, verdict);
                        sent.set(i, verdicts.send(verdict.groupId(), verdict.json()));
                    });
        } catch (Exception e) {
            // a bug of ours (a verdict that cannot be written, a failure that is not an outage),
            // or the service stopping mid-outage: the batch is refused, its offsets not committed,
            // and the channel stops (fail-stop); a restart screens it again
            return batch.nack(e);
        }
        List<Verdict> screenedInOrder = new ArrayList<>(n);
        List<CompletableFuture<Void>> sentInOrder = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            screenedInOrder.add(screened.get(i));
            sentInOrder.add(sent.get(i));
        }
        // a verdict given up while the broker was unreachable (longer than the producer waits): sent again
        UntilDelivered.all(screenedInOrder, sentInOrder, v -> verdicts.send(v.groupId(), v.json()), () -> stopping,
                UntilDelivered.after(resend), LOG).whenComplete((sentAll, failure) -> {
                    if (failure == null) {
                        batch.ack();
                    } else {
                        batch.nack(failure);
                    }
                });
        return CompletableFuture.completedFuture(null);
    }

    private volatile boolean stopping;
    /** Where verdicts the broker did not take are sent again, after their pause. */
    private final ScheduledExecutorService resend = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("verdicts-resend").daemon().factory());

    /** Workers given up on (over their budget) that are still computing. */
    public int runawayWorkers() {
        return budget.runaways();
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
        budget.shutdown();
        resend.shutdown(); // a resend scheduled now is refused: its batch is not committed, a restart redoes it
    }

    /** A pause before trying a record again; none once the service is stopping. */
    private boolean pause(long nanos) {
        if (stopping) {
            return false;
        }
        RecordBudget.restart(); // the attempt after the pause has a budget of its own
        LockSupport.parkNanos(nanos); // may wake early: then it only tries again sooner
        return !stopping;
    }

    /**
     * What the REST path would refuse the request for (the same constraints, then the same
     * checks), or null: a bot on the stream is held to the same limits (ids, sizes, counts).
     */
    private String problem(ScreeningResource.ScreeningRequest r) {
        var violations = validator.validate(r);
        if (!violations.isEmpty()) {
            return violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                    .collect(java.util.stream.Collectors.joining("; "));
        }
        if ((r.text() == null || r.text().isBlank()) && (r.attachments() == null || r.attachments().isEmpty())) {
            return "a message has text or attachments";
        }
        return r.text() != null && r.text().length() > ScreeningResource.MAX_TEXT
                ? "text longer than " + ScreeningResource.MAX_TEXT + " characters" : null;
    }

    private Verdict unreadable(String key, String why) throws JsonProcessingException {
        LOG.warnf("unreadable chat message: %s", why);
        return new Verdict(key, verdictsJson.writeValueAsBytes(new StreamVerdict(null, null, null, "unreadable: " + why)));
    }

    /**
     * A verdict as published: keyed by its group (an unreadable record's by the record's key),
     * its JSON in UTF-8. Records are read and verdicts written as bytes: Jackson decodes and
     * encodes UTF-8 itself, and a record that is not UTF-8 is refused as unreadable (a String
     * deserializer would have replaced its bytes silently).
     */
    record Verdict(String groupId, byte[] json) {
    }

    /**
     * The answer for a record whose screening went over its budget: held for the group's board
     * to review, saying why (it was not screened), or the request's problem when it has one.
     */
    Verdict overBudget(String key, byte[] json, long cpuNanos) throws JsonProcessingException {
        String why = "screening used " + cpuNanos / 1_000_000 + " ms of CPU time, over the stream's budget of "
                + recordBudget.toMillis() + " ms";
        return answer(key, json, (m, meta) -> service.holdUnscreened(m, why, meta).result());
    }

    Verdict verdict(String key, byte[] json) throws JsonProcessingException {
        return answer(key, json, (m, meta) -> service.screen(m, meta).result());
    }

    /** What a readable, valid request is answered with (screened, or held without screening). */
    private interface Answering {
        ScreeningService.Result answer(Message m, CommandHandler.Metadata meta);
    }

    /** The record read, checked as REST checks it, and answered: its result, or why it has none. */
    private Verdict answer(String key, byte[] json, Answering answering) throws JsonProcessingException {
        Read read = read(key, json);
        if (read.answer() != null) {
            return read.answer();
        }
        ScreeningResource.ScreeningRequest r = read.request();
        Message m = r.toMessage(clock.instant());
        var meta = new CommandHandler.Metadata(new Actor("moderation-service:stream", Roles.BOT, r.author().id()),
                "chat-" + r.groupId() + "-" + r.messageId(), null);
        ScreeningService.Result result;
        try {
            result = answering.answer(m, meta);
        } catch (ScreeningService.ConflictingMessage e) {
            // the REST path's 409: the bot's mistake, answered, never a reason to stop the stream
            return new Verdict(r.groupId(), verdictsJson.writeValueAsBytes(new StreamVerdict(r.groupId(), r.messageId(),
                    null, e.getMessage())));
        } catch (PolicyRegistry.NoPolicyInForce e) {
            // the REST path's 503: this group's messages cannot be judged here yet; other groups' can
            LOG.errorf("chat message %s of %s not screened: %s", r.messageId(), r.groupId(), e.getMessage());
            return new Verdict(r.groupId(), verdictsJson.writeValueAsBytes(new StreamVerdict(r.groupId(), r.messageId(),
                    null, "not screened: " + e.getMessage())));
        }
        return new Verdict(r.groupId(), verdictsJson.writeValueAsBytes(new StreamVerdict(r.groupId(), r.messageId(),
                result, null)));
    }

    /** A record read: the request to screen, or the answer it gets without screening (unreadable, refused). */
    private record Read(ScreeningResource.ScreeningRequest request, Verdict answer) {
    }

    private Read read(String key, byte[] json) throws JsonProcessingException {
        ScreeningResource.ScreeningRequest r;
        try {
            if (json == null || json.length == 0) {
                return new Read(null, unreadable(key, "an empty record"));
            }
            r = requests.readValue(json);
            if (r == null) {
                return new Read(null, unreadable(key, "null, not a screening request"));
            }
        } catch (JsonProcessingException e) {
            return new Read(null, unreadable(key, e.getOriginalMessage()));
        } catch (java.io.IOException e) { // declared for any input; an array in memory throws only the above
            throw new java.io.UncheckedIOException(e);
        }
        String problem = problem(r);
        return problem == null ? new Read(r, null) : new Read(null, new Verdict(r.groupId(),
                verdictsJson.writeValueAsBytes(new StreamVerdict(r.groupId(), r.messageId(), null, problem))));
    }
}

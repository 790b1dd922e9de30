package vn.binhyen.moderation.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.Json;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.moderation.domain.screening.Message;
import vn.binhyen.moderation.rest.ScreeningResource;
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

    ChatMessagesScreener(ScreeningService service, Clock clock, VerdictsTopic verdicts, Validator validator) {
        this.service = service;
        this.clock = clock;
        this.verdicts = verdicts;
        this.validator = validator;
    }

    /** What the stream publishes: the screening result, or why the request could not be screened. */
    public record StreamVerdict(String groupId, String messageId, ScreeningService.Result result, String error) {
    }

    /**
     * A batch of records at a time: each screened, its verdict sent without waiting for the one
     * before; the batch is acknowledged once every verdict of it is acknowledged by the broker
     * (its records' offsets are committed only then: a crash redoes the batch, at least once).
     */
    @Incoming("chat-messages")
    @Blocking(ordered = true)
    public CompletionStage<Void> screen(List<String> batch) throws JsonProcessingException {
        List<CompletableFuture<Void>> sent = new ArrayList<>(batch.size());
        for (String json : batch) {
            Verdict verdict = verdict(json);
            sent.add(verdicts.send(verdict.groupId(), verdict.json()));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
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

    /** A verdict as published: keyed by its group (none for an unreadable record). */
    record Verdict(String groupId, String json) {
    }

    Verdict verdict(String json) throws JsonProcessingException {
        ScreeningResource.ScreeningRequest r;
        try {
            r = Json.MAPPER.readValue(json, ScreeningResource.ScreeningRequest.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("unreadable chat message: %s", e.getOriginalMessage());
            return new Verdict(null, Json.MAPPER.writeValueAsString(new StreamVerdict(null, null, null,
                    "unreadable: " + e.getOriginalMessage())));
        }
        String problem = problem(r);
        if (problem != null) {
            return new Verdict(r.groupId(), Json.MAPPER.writeValueAsString(new StreamVerdict(r.groupId(),
                    r.messageId(), null, problem)));
        }
        Message m = r.toMessage(clock.instant());
        var meta = new CommandHandler.Metadata(new Actor("moderation-service:stream", Roles.BOT, r.author().id()),
                "chat-" + r.groupId() + "-" + r.messageId(), null);
        var result = service.screen(m, meta).result();
        return new Verdict(r.groupId(), Json.MAPPER.writeValueAsString(new StreamVerdict(r.groupId(), r.messageId(),
                result, null)));
    }
}

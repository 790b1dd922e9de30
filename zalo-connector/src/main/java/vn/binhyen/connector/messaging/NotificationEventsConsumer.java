package vn.binhyen.connector.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.binhyen.connector.service.Bindings;
import vn.binhyen.connector.domain.Platform;
import vn.binhyen.connector.service.ActionWorker;
import vn.binhyen.connector.service.Actions;
import vn.binhyen.connector.config.ConnectorConfig;
import vn.binhyen.contracts.notification.NotificationEvent;
import vn.binhyen.contracts.notification.NotificationEvent.ZaloMessageRequested;
import vn.binhyen.eventlog.consumer.EventConsumer;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.eventlog.quarkus.JtaTransactions;

/**
 * notification-service's Zalo deliveries (issue 26: the Official Accounts' tokens and rate limits
 * live here): each {@code ZaloMessageRequested} becomes the action {@code notification:<deliveryId>},
 * carried out once by {@link ActionWorker} like every other effect, its outcome the answer
 * notification-service waits for ({@code ActionCarriedOut} or {@code ActionNotPossible}). A replayed
 * request finds its action and changes nothing; a record that cannot be read is parked by eventlog's
 * consumers' template (notification-service's wait ends, and its next channel takes over).
 */
@ApplicationScoped
public class NotificationEventsConsumer {
    private static final EventCodec<NotificationEvent> EVENTS = EventCodec.reading(NotificationEvent.class,
            NotificationEvent.TYPES, NotificationEvent.SCHEMA_VERSION);
    private static final String TYPE = "ZaloMessageRequested";

    private final Bindings bindings;
    private final Actions actions;
    private final ActionWorker worker;
    private final ConnectorConfig config;
    private final EventConsumer<NotificationEvent> consumer;

    NotificationEventsConsumer(Bindings bindings, Actions actions, ActionWorker worker, ConnectorConfig config,
            JtaTransactions transactions) {
        this.consumer = EventConsumer.named("zalo-connector:notification-events", EVENTS).follows(Set.of(TYPE))
                .build(transactions, (c, e, event) -> apply((ZaloMessageRequested) event));
        this.bindings = bindings;
        this.actions = actions;
        this.worker = worker;
        this.config = config;
    }

    /** A notices OA that names no configured OA stops the start: every message to a person would be refused. */
    void checkNoticesOa(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ignored) {
        ConnectorConfig.noticesOaProblem(config.noticesOa(), config.oa().keySet()).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
    }

    @Incoming("notification-events")
    @Blocking(ordered = true)
    public void events(ConsumerRecords<String, byte[]> records) {
        if (consumer.accept(records) > 0) {
            worker.wake();
        }
    }

    void apply(ZaloMessageRequested m) {
        String key = ZaloMessageRequested.actionKey(m.deliveryId());
        boolean group = ZaloMessageRequested.GROUP.equals(m.kind());
        Platform.Effect effect = group ? Platform.Effect.NOTICE : Platform.Effect.MESSAGE_PERSON;
        if (m.zaloId() == null || m.zaloId().isBlank() || m.text() == null || m.text().isBlank() || m.notAfter() == null
                || !(group || ZaloMessageRequested.USER.equals(m.kind()))) {
            actions.impossible(null, null, key, effect, key, "REFUSED", "the request names no Zalo "
                    + (group ? "group" : "user") + ", no text, no deadline or no known kind (" + m.kind() + ")");
            return;
        }
        Optional<Bindings.Binding> binding = group ? bindings.ofZaloGroup(m.zaloId()) : Optional.empty();
        Optional<String> oa = config.noticesOaId();
        if (binding.isEmpty() && oa.isEmpty()) {
            actions.impossible(null, group ? m.zaloId() : null, key, effect, key, "REFUSED", "no Official Account "
                    + "carries notification-service's messages here (binhyen.connector.notices-oa)");
            return;
        }
        actions.message(key, group, m.zaloId(), m.text(), m.notAfter(), binding, oa.orElse(null));
    }
}

package vn.binhyen.audit;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.binhyen.contracts.EventHeaders;
import vn.binhyen.contracts.LedgerCheckpoint;
import vn.binhyen.contracts.Topics;
import vn.binhyen.eventlog.Envelope;
import vn.binhyen.eventlog.EnvelopeJson;

/** {@code bin/audit <command>}: the auditors' tool, reading the Kafka log directly and trusting nothing. */
@Command(name = "audit", mixinStandardHelpOptions = true, version = "audit 0.1",
        description = "Verify and read the Bình Yên event log.",
        subcommands = {AuditCli.Verify.class, AuditCli.History.class, AuditCli.State.class, AuditCli.WhoHeld.class,
                AuditCli.Compare.class})
public final class AuditCli implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    public static void main(String[] args) {
        QuietLogging.apply();
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line; returns the exit code (0 verified, 1 breaks found, 2 usage). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new AuditCli());
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    abstract static class Source {
        @Option(names = "--bootstrap", defaultValue = "${env:BINHYEN_KAFKA_BOOTSTRAP:-127.0.0.1:9092}",
                description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
        String bootstrap;

        @Option(names = "--topic", description = "topics to read (default: the four event logs)")
        List<String> topics;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        List<String> topics() {
            return topics == null || topics.isEmpty() ? Topics.EVENT_LOGS : topics;
        }
    }

    @Command(name = "verify", description = "Check every stream's hash chain, versions and event ids, and every "
            + "relay's ledger checkpoints; report each break; exit 1 on any.")
    static final class Verify extends Source implements Callable<Integer> {
        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Verifier verifier = new Verifier();
            long started = System.nanoTime();
            long read = LogReader.read(bootstrap, topics(), Verifier::inspect, verifier::apply, (done, total) -> {
                double seconds = (System.nanoTime() - started) / 1e9;
                double rate = done / Math.max(seconds, 1e-3);
                long eta = rate > 0 ? (long) ((total - done) / rate) : 0;
                int width = 30;
                int filled = total == 0 ? width : (int) (width * done / total);
                err.printf("\r[%s%s] %,d/%,d records  %,.0f/s  ETA %ds", "#".repeat(filled), ".".repeat(width - filled),
                        done, total, rate, eta);
                err.flush();
            }, Runtime.getRuntime().availableProcessors());
            err.println();
            List<Break> breaks = verifier.breaks();
            breaks.forEach(b -> out.println("BREAK " + b));
            out.printf("%,d records, %,d events, %d break(s) in %.1f s%n", read, verifier.events(), breaks.size(),
                    (System.nanoTime() - started) / 1e9);
            return breaks.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "history", description = "The events, filtered, as a table, JSON lines or CSV.")
    static final class History extends Source implements Callable<Integer> {
        @Option(names = "--stream") String stream;
        @Option(names = "--actor") String actor;
        @Option(names = "--type") String type;
        @Option(names = "--correlation") String correlation;
        @Option(names = "--from", description = "ISO-8601 instant") Instant from;
        @Option(names = "--to", description = "ISO-8601 instant") Instant to;
        @Option(names = "--format", defaultValue = "table", description = "table, jsonl or csv") String format;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Envelope> rows = new ArrayList<>();
            LogReader.read(bootstrap, topics(), r -> {
                if (LedgerCheckpoint.TYPE.equals(r.header(EventHeaders.EVENT_TYPE))) {
                    return;
                }
                Envelope e = EnvelopeJson.fromBytes(r.value());
                if ((stream == null || stream.equals(e.streamId())) && (actor == null || actor.equals(e.actor().id()))
                        && (type == null || type.equals(e.eventType()))
                        && (correlation == null || correlation.equals(e.correlationId()))
                        && (from == null || !e.recordedAt().isBefore(from)) && (to == null || e.recordedAt().isBefore(to))) {
                    rows.add(e);
                }
            }, (done, total) -> { });
            rows.sort(java.util.Comparator.comparing(Envelope::recordedAt).thenComparing(Envelope::streamId)
                    .thenComparingLong(Envelope::streamVersion));
            switch (format) {
                case "jsonl" -> rows.forEach(e -> out.println(new String(EnvelopeJson.toBytes(e),
                        java.nio.charset.StandardCharsets.UTF_8)));
                case "csv" -> {
                    out.println("recordedAt,streamId,version,eventType,actor,role,correlationId,eventId");
                    rows.forEach(e -> out.println(String.join(",", e.recordedAt().toString(),
                            vn.binhyen.eventlog.http.Csv.field(e.streamId()), Long.toString(e.streamVersion()),
                            e.eventType(), vn.binhyen.eventlog.http.Csv.field(e.actor().id()), e.actor().role(),
                            vn.binhyen.eventlog.http.Csv.field(e.correlationId()), e.eventId().toString())));
                }
                default -> {
                    out.printf("%-27s %-44s %4s %-26s %-20s%n", "recorded at", "stream", "v", "event", "actor");
                    rows.forEach(e -> out.printf("%-27s %-44s %4d %-26s %-20s%n", e.recordedAt(), e.streamId(),
                            e.streamVersion(), e.eventType(), e.actor().id() + " (" + e.actor().role() + ")"));
                }
            }
            out.flush();
            return 0;
        }
    }

    abstract static class ServiceCall extends Source {
        @Option(names = "--service", defaultValue = "http://127.0.0.1:8081",
                description = "the owning service's base URL (default: group-service, ${DEFAULT-VALUE})")
        String service;

        @Option(names = "--token", defaultValue = "${env:BINHYEN_AUDITOR_TOKEN}",
                description = "a bearer token with the AUDITOR role (default: $BINHYEN_AUDITOR_TOKEN)")
        String token;

        @Option(names = "--at", description = "ISO-8601 instant (default: now)")
        Instant at;

        com.fasterxml.jackson.databind.JsonNode get(String path) throws Exception {
            var http = java.net.http.HttpClient.newHttpClient();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(service + path))
                    .header("Authorization", "Bearer " + token).GET().build();
            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CommandLine.ExecutionException(spec.commandLine(), service + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return vn.binhyen.eventlog.Json.MAPPER.readTree(response.body());
        }

        String atQuery() {
            return at == null ? "" : "?at=" + at;
        }
    }

    @Command(name = "state", description = "A stream's state at a moment, folded by its service, checked against the "
            + "Kafka log (the same events, the same hashes); exit 1 on a difference.")
    static final class State extends ServiceCall implements Callable<Integer> {
        @Option(names = "--stream", required = true) String stream;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            var answer = get("/api/v1/audit/streams/" + stream + atQuery());
            out.println(vn.binhyen.eventlog.Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(answer.path("state")));
            java.util.Map<Long, Envelope> log = new java.util.HashMap<>();
            LogReader.read(bootstrap, topics(), r -> {
                if (!LedgerCheckpoint.TYPE.equals(r.header(EventHeaders.EVENT_TYPE))
                        && stream.equals(r.header(EventHeaders.STREAM_ID))) {
                    Envelope e = EnvelopeJson.fromBytes(r.value());
                    log.putIfAbsent(e.streamVersion(), e);
                }
            }, (done, total) -> { });
            var problems = StateCheck.compare(answer.path("events"), log);
            problems.forEach(p -> out.println("BREAK STATE " + p));
            out.printf("%s at %s: version %d, %d event(s) checked against the Kafka log, %d difference(s)%n", stream,
                    answer.path("at").asText(), answer.path("version").asLong(), answer.path("events").size(),
                    problems.size());
            return problems.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "who-held", description = "Who held a role in a group at a moment.")
    static final class WhoHeld extends ServiceCall implements Callable<Integer> {
        @Option(names = "--group", required = true) String group;
        @Option(names = "--role", required = true) String role;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            var holders = get("/api/v1/groups/" + group + "/roles/" + role + "/holders?at="
                    + (at == null ? Instant.now() : at));
            for (var h : holders) {
                out.println(h.path("memberId").asText() + "\t" + h.path("fullName").asText() + "\t"
                        + h.path("role").asText());
            }
            return 0;
        }
    }

    @Command(name = "compare", description = "A service's event store against its Kafka topic: events missing from "
            + "the log, extra in the log, altered on either side; exit 1 on any.")
    static final class Compare implements Callable<Integer> {
        @Option(names = "--service", required = true, description = "group, moderation, report or notification")
        String service;

        @Option(names = "--bootstrap", defaultValue = "${env:BINHYEN_KAFKA_BOOTSTRAP:-127.0.0.1:9092}",
                description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
        String bootstrap;

        @Option(names = "--db-url", description = "the service's database (default: its database on the server of "
                + "$BINHYEN_PG_URL, else 127.0.0.1:5432)")
        String dbUrl;

        @Option(names = "--db-user", defaultValue = "${env:BINHYEN_PG_USER:-postgres}") String dbUser;

        @Option(names = "--db-password", defaultValue = "${env:BINHYEN_PG_PASSWORD:-}") String dbPassword;

        @Option(names = "--topic", description = "the service's event topic (default: the one it publishes)")
        String topic;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            String database;
            String serviceTopic;
            switch (service) {
                case "group" -> { database = "binhyen_group"; serviceTopic = Topics.GROUP_EVENTS; }
                case "moderation" -> { database = "binhyen_moderation"; serviceTopic = Topics.MODERATION_EVENTS; }
                case "report" -> { database = "binhyen_report"; serviceTopic = Topics.REPORT_EVENTS; }
                case "notification" -> { database = "binhyen_notification"; serviceTopic = Topics.NOTIFICATION_EVENTS; }
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "--service must be group, "
                        + "moderation, report or notification, not " + service);
            }
            String url = dbUrl != null ? dbUrl : serverOf(System.getenv("BINHYEN_PG_URL")) + database;
            try (var db = java.sql.DriverManager.getConnection(url, dbUser, dbPassword)) {
                db.setReadOnly(true);
                var result = StoreComparison.compare(db, bootstrap, topic == null ? serviceTopic : topic);
                result.differences().forEach(d -> out.println("BREAK " + d));
                out.printf("%s: %,d events in the store (%,d not yet published by its relay), %,d in the log, "
                        + "%d difference(s)%n", service, result.storeEvents(), result.unpublished(), result.logEvents(),
                        result.differences().size());
                return result.differences().isEmpty() ? 0 : 1;
            }
        }

        /** {@code jdbc:postgresql://host:port/} of a server URL naming any database. */
        static String serverOf(String url) {
            if (url == null || url.isBlank()) {
                return "jdbc:postgresql://127.0.0.1:5432/";
            }
            int slash = url.indexOf('/', "jdbc:postgresql://".length());
            return slash < 0 ? url + "/" : url.substring(0, slash + 1);
        }
    }
}

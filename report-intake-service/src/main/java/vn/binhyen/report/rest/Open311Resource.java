package vn.binhyen.report.rest;

import vn.binhyen.report.config.ReportIntakeConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.contracts.text.Split;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.eventlog.http.CorrelationIdFilter;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.report.domain.IntakeRules;
import vn.binhyen.report.domain.Report;
import vn.binhyen.report.domain.ReportCommand;
import vn.binhyen.report.domain.ReportRules;
import vn.binhyen.report.projection.ReportQueue;
import vn.binhyen.report.service.Open311Clients;
import vn.binhyen.report.service.ReportScope;
import vn.binhyen.report.service.ReportService;
import vn.binhyen.report.service.ReporterKeys;

/**
 * Open311 GeoReport v2 as its specification writes it: discovery, the service list and each
 * service's definition public; a request filed with the client's {@code api_key} (or a bot's
 * bearer token); every document in JSON or XML by the path's suffix; errors as GeoReport's
 * {@code [{code, description}]}, each description naming the field. Services are this unit's
 * report types, a request a report. A request's public view carries no reporter data; reading
 * one needs the key or token of a client serving its unit, or an officer's token.
 */
@Path("/open311")
@Tag(name = "Open311 GeoReport v2")
@PermitAll
public class Open311Resource {
    /** The most requests one GET requests may name, or a search may return: bounded work for one request. */
    static final int MAX_IDS = 50;
    static final int MAX_RESULTS = 100;
    /** GeoReport's default window for a search without dates, and the widest it allows here. */
    static final Duration WINDOW = Duration.ofDays(90);
    /** The earliest date a search may name: nothing is older than the platform. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * POST requests' standard parameters, as GeoReport v2 names them, each with its bound: the
     * document's form, and the limits the resource checks (read from here, so the two agree).
     * Service attributes come as {@code attribute[code]}, each at most {@link #ATTRIBUTE_LIMIT}.
     */
    public record RequestForm(@Size(max = 64) String api_key, @Size(max = 64) String jurisdiction_id,
            @Size(max = 32) String service_code, @Size(max = 32) String lat,
            @Schema(name = "long") @Size(max = 32) String lon, @Size(max = 500) String address_string,
            @Size(max = 64) String address_id, @Size(max = 254) String email, @Size(max = 128) String device_id,
            @Size(max = 128) String account_id, @Size(max = 100) String first_name, @Size(max = 100) String last_name,
            @Size(max = 20) String phone, @Size(max = 10_000) String description, @Size(max = 2_000) String media_url) {
    }

    /** Each standard parameter's name and its most characters; anything else is refused by name. */
    private static final Map<String, Integer> LIMITS = limits();

    private static Map<String, Integer> limits() {
        Map<String, Integer> out = new HashMap<>();
        for (var c : RequestForm.class.getRecordComponents()) {
            Schema named = c.getAccessor().getAnnotation(Schema.class);
            out.put(named != null ? named.name() : c.getName(), c.getAccessor().getAnnotation(Size.class).max());
        }
        return Map.copyOf(out);
    }

    private static final int ATTRIBUTE_LIMIT = 2_000;

    private final ReportService service;
    private final ReportQueue reportQueue;
    private final EventStore store;
    private final EventCodec<ReportEvent> codec;
    private final JsonWebToken token;
    private final Clock clock;
    private final ReportScope scope;
    private final ReporterKeys keys;
    private final Open311Clients clients;
    private final CommandHandler<ReportCommand, Report, ReportEvent> reports;
    private final String contact;

    Open311Resource(ReportService service, EventStore store, EventCodec<ReportEvent> codec, JsonWebToken token,
            Clock clock, ReportScope scope, ReporterKeys keys, Open311Clients clients,
            CommandHandler<ReportCommand, Report, ReportEvent> reports,
            ReportIntakeConfig.Open311 open311, ReportQueue reportQueue) {
        this.reportQueue = reportQueue;
        String contact = open311.contact();
        this.reports = reports;
        this.service = service;
        this.store = store;
        this.codec = codec;
        this.token = token;
        this.clock = clock;
        this.scope = scope;
        this.keys = keys;
        this.clients = clients;
        this.contact = contact;
    }

    @GET
    @Path("/discovery.{format: json|xml}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_XML})
    @Operation(summary = "Open311 service discovery: the GeoReport v2 endpoint, its formats and how to get a key")
    @APIResponse(responseCode = "200", description = "The discovery document", content = @Content(
            schema = @Schema(implementation = GeoReport.Discovery.class)))
    @APIResponse(responseCode = "404", description = "A format other than json or xml")
    public Response discovery(@PathParam("format") String format, @Context UriInfo uri) {
        String base = uri.getBaseUriBuilder().path("open311/v2").build().toString();
        return GeoReport.answer(200, format, "discovery", null, new GeoReport.Discovery(GeoReport.CHANGESET, contact,
                "Khóa api_key do quản trị hệ thống của đơn vị cấp cho từng ứng dụng (POST "
                        + "/api/v1/open311/clients/{client}/key); đọc danh mục dịch vụ không cần khóa.",
                List.of(new GeoReport.Endpoint(GeoReport.SPECIFICATION, base, GeoReport.CHANGESET, "production",
                        List.of("text/xml", "application/json")))));
    }

    @GET
    @Path("/v2/services.{format: json|xml}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_XML})
    @Operation(summary = "The services (report types) a request can be filed under; public")
    @APIResponse(responseCode = "200", description = "The service list", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReport.Service.class)))
    @APIResponse(responseCode = "404", description = "A format other than json or xml")
    public Response services(@PathParam("format") String format) {
        return GeoReport.answer(200, format, "services", "service", GeoReport.services());
    }

    @GET
    @Path("/v2/services/{code}.{format: json|xml}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_XML})
    @Operation(summary = "A service's definition: the attributes a request of it may carry; public")
    @APIResponse(responseCode = "200", description = "The service definition", content = @Content(
            schema = @Schema(implementation = GeoReport.Definition.class)))
    @APIResponse(responseCode = "404", description = "No such service (GeoReport error list)", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReport.Error.class)))
    public Response definition(@PathParam("code") String code, @PathParam("format") String format) {
        var offered = GeoReport.SERVICES.get(code);
        if (offered == null) {
            return GeoReport.error(404, format, "service_code: no service " + shown(code) + "; one of "
                    + GeoReport.SERVICES.keySet().stream().sorted().toList());
        }
        return GeoReport.answer(200, format, "service_definition", null, new GeoReport.Definition(code,
                offered.attributes()));
    }

    public record Created(String service_request_id, String service_notice, String account_id) {
    }

    @POST
    @Path("/v2/requests.{format: json|xml}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_XML})
    @Operation(summary = "File a request (a report); needs the client's api_key or a bot's bearer token",
            description = "Parameters as GeoReport v2 names them; attributes as attribute[code]. A crime tip needs a "
                    + "location (address_string or lat and long, police-song-tri:14.3b). Answered at once with the "
                    + "service_request_id, never a token.")
    @APIResponse(responseCode = "200", description = "Filed: the request's id and what is still missing", content =
            @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Created.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing, malformed, too long or unknown; the "
            + "description names it (GeoReport error list). Nothing is filed.", content = @Content(schema = @Schema(
                    type = SchemaType.ARRAY, implementation = GeoReport.Error.class)))
    @APIResponse(responseCode = "403", description = "No valid api_key or bot token, or the client serves no group "
            + "of jurisdiction_id (GeoReport error list). Nothing is filed.", content = @Content(schema = @Schema(
                    type = SchemaType.ARRAY, implementation = GeoReport.Error.class)))
    @APIResponse(responseCode = "404", description = "A format other than json or xml")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response create(@PathParam("format") String format, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(implementation = RequestForm.class)))
            MultivaluedMap<String, String> form,
            @Context ContainerRequestContext request) {
        Map<String, String> p = new HashMap<>();
        Map<String, String> attributes = new HashMap<>();
        for (var e : form.entrySet()) {
            String name = e.getKey();
            if (e.getValue().size() > 1) {
                return GeoReport.error(400, format, shown(name) + ": given more than once");
            }
            String value = e.getValue().isEmpty() ? "" : e.getValue().getFirst();
            if (name.startsWith("attribute[") && name.endsWith("]")) {
                if (value.length() > ATTRIBUTE_LIMIT) {
                    return GeoReport.error(400, format, shown(name) + ": at most " + ATTRIBUTE_LIMIT + " characters");
                }
                attributes.put(name.substring("attribute[".length(), name.length() - 1), value);
            } else if (!LIMITS.containsKey(name)) {
                return GeoReport.error(400, format, shown(name) + ": not a GeoReport v2 parameter");
            } else if (value.length() > LIMITS.get(name)) {
                return GeoReport.error(400, format, name + ": at most " + LIMITS.get(name) + " characters");
            } else {
                p.put(name, value.strip());
            }
        }
        Optional<Client> client = client(p.get("api_key"));
        if (client.isEmpty() || !client.get().bot()) {
            return GeoReport.error(403, format, "api_key: a valid api_key (or a bot's bearer token) is needed to "
                    + "file a request");
        }
        var offered = GeoReport.SERVICES.get(p.getOrDefault("service_code", ""));
        if (offered == null) {
            return GeoReport.error(400, format, "service_code: one of "
                    + GeoReport.SERVICES.keySet().stream().sorted().toList());
        }
        var allowed = offered.attributes().stream().map(GeoReport.Attribute::code).collect(
                java.util.stream.Collectors.toSet());
        for (String code : attributes.keySet()) {
            if (!allowed.contains(code)) {
                return GeoReport.error(400, format, "attribute[" + shown(code) + "]: not an attribute of "
                        + offered.service().service_code() + "; see services/" + offered.service().service_code()
                        + "." + format);
            }
        }
        if (!blank(p.get("address_id")) || !blank(p.get("media_url"))) {
            return GeoReport.error(400, format, (blank(p.get("address_id")) ? "media_url" : "address_id")
                    + ": not accepted here; give the place as address_string or lat and long");
        }
        String place;
        try {
            place = place(p.get("address_string"), p.get("lat"), p.get("long"));
        } catch (IllegalArgumentException e) {
            return GeoReport.error(400, format, e.getMessage());
        }
        if (place == null && offered.locationRequired()) {
            return GeoReport.error(400, format, "address_string: a location (address_string, or lat and long) is "
                    + "required for " + offered.service().service_code() + " (" + ReportRules.cite("tip-when-where")
                    + ")");
        }
        String phone = p.get("phone");
        if (!blank(phone) && !ReportResource.PHONE_NUMBER.matcher(phone).matches()) {
            return GeoReport.error(400, format, "phone: a Vietnamese phone number");
        }
        Instant incidentAt = null;
        if (!blank(attributes.get("incident_at"))) {
            try {
                incidentAt = OffsetDateTime.parse(attributes.get("incident_at").strip()).toInstant();
            } catch (DateTimeParseException e) {
                return GeoReport.error(400, format, "attribute[incident_at]: an ISO 8601 date and time with its "
                        + "offset, e.g. 2026-12-01T21:30:00+07:00");
            }
            if (incidentAt.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
                return GeoReport.error(400, format, "attribute[incident_at]: the incident cannot be in the future ("
                        + ReportRules.cite("tip-when-where") + ")");
            }
        }
        // the jurisdiction is the receiving unit: one of the units whose groups this client's bot is bound to
        var served = client.get().served();
        String unit = !blank(p.get("jurisdiction_id")) ? p.get("jurisdiction_id")
                : served.size() == 1 ? served.getFirst() : null;
        if (unit == null) {
            return GeoReport.error(400, format, "jurisdiction_id: the unit receiving the request, one of " + served);
        }
        if (!served.contains(unit)) {
            return GeoReport.error(403, format, "jurisdiction_id: this client is bound to no group of " + shown(unit));
        }
        String name = (p.getOrDefault("last_name", "") + " " + p.getOrDefault("first_name", "")).strip();
        var reporter = new ReportEvent.Reporter(name.isEmpty() ? null : name, nonBlank(attributes.get("reporter_address")),
                nonBlank(phone), nonBlank(attributes.get("refusal_reason")));
        String description = nonBlank(p.get("description"));
        var type = offered.type();
        var details = type == IntakeRules.Type.FEEDBACK ? null : new ReportEvent.TipDetails(incidentAt, place,
                description, nonBlank(attributes.get("suspect")), nonBlank(attributes.get("victim")),
                nonBlank(attributes.get("witnesses")), nonBlank(attributes.get("escape_direction")),
                nonBlank(attributes.get("means")), nonBlank(attributes.get("damage")),
                nonBlank(attributes.get("actions_taken")), nonBlank(attributes.get("how_known")));
        // feedback has no place of its own: one given goes with its text, not dropped
        String feedback = place == null ? description
                : (description == null ? "" : description + "\n") + "Địa điểm: " + place;
        var outcome = service.receive(null, type, "open311", null, unit, reporter, details,
                type == IntakeRules.Type.FEEDBACK ? feedback : null, client.get().name(), Set.of(Roles.BOT),
                clock.instant(), new CommandHandler.Metadata(Actor.of(client.get().name(), Roles.BOT),
                        CorrelationIdFilter.of(request), null));
        Report.Open o = (Report.Open) outcome.state();
        String notice = IntakeRules.reply(IntakeRules.missing(o.type(), o.reporter(), o.details(), o.content()));
        return GeoReport.answer(200, format, "service_requests", "request", List.of(new Created(o.reportId(), notice,
                null)));
    }

    /** GeoReport's public view of a report: open or closed, with the latest public note. */
    public record ServiceRequest(String service_request_id, String status, String status_notes, String service_name,
            String service_code, String description, String agency_responsible, String requested_datetime,
            String updated_datetime, String expected_datetime, String address) {
    }

    @GET
    @Path("/v2/requests/{id}.{format: json|xml}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_XML})
    @Operation(summary = "One request's public status; needs an api_key, a bot's token or an officer's token")
    @APIResponse(responseCode = "200", description = "The request, as a list of one", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceRequest.class)))
    @APIResponse(responseCode = "400", description = "An api_key longer than any key (GeoReport error list)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReport.Error.class)))
    @APIResponse(responseCode = "403", description = "No valid api_key or token (GeoReport error list)", content =
            @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReport.Error.class)))
    @APIResponse(responseCode = "404", description = "No such request, or one the caller may not see (alike)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReport.Error.class)))
    public Response one(@PathParam("id") String id, @PathParam("format") String format,
            @jakarta.ws.rs.QueryParam("api_key") @Parameter(schema = @Schema(type = SchemaType.STRING,
                    maxLength = 64)) String apiKey) {
        if (apiKey != null && apiKey.length() > LIMITS.get("api_key")) {
            return GeoReport.error(400, format, "api_key: at most " + LIMITS.get("api_key") + " characters");
        }
        Optional<Client> client = client(apiKey);
        if (client.isEmpty()) {
            return GeoReport.error(403, format, "api_key: a valid api_key or bearer token is needed to read requests");
        }
        var request = publicView(id, client.get());
        return request == null ? GeoReport.error(404, format, "service_request_id: no request " + shown(id))
                : GeoReport.answer(200, format, "service_requests", "request", List.of(request));
    }

    @GET
    @Path("/v2/requests.{format: json|xml}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_XML})
    @Operation(summary = "Requests by id, or the newest of a service, status and date range (at most 100)",
            description = "With service_request_id (comma-separated, at most 50) the other filters are ignored, as "
                    + "GeoReport v2 says; without dates the window is the last 90 days, and at most 90 days wide.")
    @APIResponse(responseCode = "200", description = "The requests the caller may see", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceRequest.class)))
    @APIResponse(responseCode = "400", description = "A malformed filter, named (GeoReport error list)", content =
            @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReport.Error.class)))
    @APIResponse(responseCode = "403", description = "No valid api_key or token (GeoReport error list)", content =
            @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReport.Error.class)))
    @APIResponse(responseCode = "404", description = "A format other than json or xml")
    @Parameter(name = "api_key", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, maxLength = 64))
    @Parameter(name = "jurisdiction_id", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING,
            maxLength = 64))
    @Parameter(name = "service_request_id", in = ParameterIn.QUERY, description = "comma-separated, at most 50",
            schema = @Schema(type = SchemaType.STRING, maxLength = 7_000))
    @Parameter(name = "service_code", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING,
            maxLength = 64))
    @Parameter(name = "start_date", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, maxLength = 64,
            format = "date-time"))
    @Parameter(name = "end_date", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, maxLength = 64,
            format = "date-time"))
    @Parameter(name = "status", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, maxLength = 64,
            enumeration = {"open", "closed"}))
    public Response many(@PathParam("format") String format, @Context UriInfo uri) {
        var q = uri.getQueryParameters();
        for (String name : q.keySet()) {
            if (!Set.of("api_key", "jurisdiction_id", "service_request_id", "service_code", "start_date", "end_date",
                    "status").contains(name)) {
                return GeoReport.error(400, format, shown(name) + ": not a GeoReport v2 parameter of GET requests");
            }
            if (q.get(name).size() > 1 || q.getFirst(name).length() > (name.equals("service_request_id") ? 7_000 : 64)) {
                return GeoReport.error(400, format, name + ": given once, and not that long");
            }
        }
        Optional<Client> client = client(q.getFirst("api_key"));
        if (client.isEmpty()) {
            return GeoReport.error(403, format, "api_key: a valid api_key or bearer token is needed to read requests");
        }
        String ids = q.getFirst("service_request_id");
        List<String> wanted;
        if (ids != null) {
            // comma-separated, cut in one pass (no regular expression on client text, issue 20)
            wanted = Split.on(ids, ',', true).stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
            if (wanted.size() > MAX_IDS) { // each id is a stream read: bounded work for one request (issue 20)
                return GeoReport.error(400, format, "service_request_id: at most " + MAX_IDS
                        + " ids in one request, not " + wanted.size());
            }
        } else {
            // service_code and status may each be a comma-separated list, as GeoReport v2 says
            java.util.Set<IntakeRules.Type> types = null;
            if (q.getFirst("service_code") != null) {
                types = java.util.EnumSet.noneOf(IntakeRules.Type.class);
                for (String code : Split.on(q.getFirst("service_code"), ',', true)) {
                    var offered = GeoReport.SERVICES.get(code.strip());
                    if (offered == null) {
                        return GeoReport.error(400, format, "service_code: each one of "
                                + GeoReport.SERVICES.keySet().stream().sorted().toList());
                    }
                    types.add(offered.type());
                }
            }
            Boolean closed = null;
            if (q.getFirst("status") != null) {
                java.util.Set<String> statuses = new java.util.HashSet<>();
                for (String st : Split.on(q.getFirst("status"), ',', true)) {
                    if (!st.strip().equals("open") && !st.strip().equals("closed")) {
                        return GeoReport.error(400, format, "status: open, closed, or both");
                    }
                    statuses.add(st.strip());
                }
                closed = statuses.size() == 2 ? null : statuses.contains("closed");
            }
            Instant end;
            Instant start;
            try {
                end = q.getFirst("end_date") == null ? clock.instant() : OffsetDateTime.parse(q.getFirst("end_date"))
                        .toInstant();
                start = q.getFirst("start_date") == null ? end.minus(WINDOW)
                        : OffsetDateTime.parse(q.getFirst("start_date")).toInstant();
            } catch (DateTimeParseException e) {
                return GeoReport.error(400, format, (q.getFirst("end_date") != null && !parses(q.getFirst("end_date"))
                        ? "end_date" : "start_date") + ": an ISO 8601 date and time with its offset");
            }
            for (var d : List.of(Map.entry("start_date", start), Map.entry("end_date", end))) {
                if (d.getValue().isBefore(EARLIEST) || d.getValue().isAfter(clock.instant().plus(Duration.ofDays(1)))) {
                    return GeoReport.error(400, format, d.getKey() + ": between 2000-01-01 and tomorrow");
                }
            }
            if (start.isAfter(end) || Duration.between(start, end).compareTo(WINDOW) > 0) {
                return GeoReport.error(400, format, "start_date: before end_date, and at most 90 days before it");
            }
            // a client's the units its bot serves (and only what it may see of them, below); an officer's, the
            // units their queue holds (their own, and for an auditor those below it)
            List<String> units = client.get().bot() ? client.get().served()
                    : scope.queueUnits(ReportScope.Caller.of(token));
            String jurisdiction = q.getFirst("jurisdiction_id");
            if (jurisdiction != null) {
                units = units.contains(jurisdiction) ? List.of(jurisdiction) : List.of();
            }
            wanted = reportQueue.requestIds(units, types, closed, start, end, MAX_RESULTS);
        }
        List<ServiceRequest> out = new ArrayList<>();
        for (String id : wanted) {
            var r = publicView(id, client.get());
            if (r != null) {
                out.add(r);
            }
        }
        return GeoReport.answer(200, format, "service_requests", "request", out);
    }

    /** Who is asking: a client by its api_key (a bot), else the bearer token's subject. */
    record Client(String name, boolean bot, List<String> served) {
    }

    private Optional<Client> client(String apiKey) {
        if (apiKey != null && !apiKey.isBlank()) {
            return clients.client(apiKey.strip()).map(c -> new Client(c, true, scope.unitsServedBy(c)));
        }
        if (token == null || token.getRawToken() == null) {
            return Optional.empty();
        }
        boolean bot = token.getGroups().contains(Roles.BOT);
        return Optional.of(new Client(token.getName(), bot, bot ? scope.unitsServedBy(token.getName()) : List.of()));
    }

    /**
     * The public view: to a client (a bot, by token or api_key) for a request it filed itself or one
     * that came in through a group its bot is bound to, as the REST API's scope has it; to the unit's
     * officers and auditors by their roles.
     */
    private ServiceRequest publicView(String id, Client client) {
        var placement = reportQueue.placement(id);
        if (placement == null) {
            return null;
        }
        var events = store.read(id);
        if (client.bot()) {
            boolean filed = !events.isEmpty() && client.name().equals(events.getFirst().actor().id());
            boolean throughItsGroup = placement.groupId() != null && scope.serves(placement.groupId(), client.name());
            if (!filed && !throughItsGroup) {
                return null;
            }
        } else if (!ReportScope.sees(scope.rolesFor(ReportScope.Caller.of(token), placement.unit(),
                placement.groupId()))) {
            return null;
        }
        // folded from the events just read, not read a second time (a search asks for up to 100)
        if (!(reports.decider().fold(events.stream().map(codec::decode).toList()) instanceof Report.Open o)) {
            return null;
        }
        String notes = null;
        String updated = o.receivedAt().toString();
        for (var e : events) {
            if (codec.decode(e) instanceof ReportEvent.CitizenFeedback f) {
                notes = f.message();
            }
            updated = e.recordedAt().toString();
        }
        String code = GeoReport.codeOf(o.type());
        boolean closed = o.status() == Report.Status.RESOLVED || o.status() == Report.Status.TRANSFERRED;
        var details = keys.open(o.reportId(), o.details());
        return new ServiceRequest(o.reportId(), closed ? "closed" : "open", notes,
                GeoReport.SERVICES.get(code).service().service_name(), code,
                details != null ? details.summary() : keys.open(o.reportId(), o.content()), "Công an phường",
                o.receivedAt().toString(), updated, o.deadline().toString(),
                details != null ? details.place() : null);
    }

    /** The place: the address as given, else the coordinates; both lat and long, in range, or neither. */
    static String place(String address, String lat, String lon) {
        if (!blank(address)) {
            return address;
        }
        if (blank(lat) && blank(lon)) {
            return null;
        }
        if (blank(lat) || blank(lon)) {
            throw new IllegalArgumentException((blank(lat) ? "lat" : "long") + ": lat and long go together");
        }
        double la;
        double lo;
        try {
            la = Double.parseDouble(lat);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lat: a decimal latitude, e.g. 10.7769");
        }
        try {
            lo = Double.parseDouble(lon);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("long: a decimal longitude, e.g. 106.7009");
        }
        if (!(la >= -90 && la <= 90)) {
            throw new IllegalArgumentException("lat: between -90 and 90");
        }
        if (!(lo >= -180 && lo <= 180)) {
            throw new IllegalArgumentException("long: between -180 and 180");
        }
        return "Tọa độ " + lat.strip() + ", " + lon.strip();
    }

    private static boolean parses(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A client's text echoed in an error: at most 64 characters of it. */
    private static String shown(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nonBlank(String s) {
        return blank(s) ? null : s.strip();
    }
}

package vn.binhyen.report.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.report.ReportEvent;
import vn.binhyen.eventlog.Actor;
import vn.binhyen.eventlog.EventStore;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.EventCodec;
import vn.binhyen.eventlog.http.CorrelationIdFilter;
import vn.binhyen.report.domain.IntakeRules;
import vn.binhyen.report.domain.Report;
import vn.binhyen.report.service.ReportService;

/**
 * Open311 GeoReport v2, so existing clients can file reports and read their public status:
 * services are our report types; a request is a report. Public status only: no reporter data
 * is ever returned. Clients authenticate as bots (bearer token) rather than with an api_key.
 */
@Path("/open311/v2")
@Produces(MediaType.APPLICATION_JSON)
public class Open311Resource {
    static final Map<String, IntakeRules.Type> SERVICES = Map.of("feedback", IntakeRules.Type.FEEDBACK, "crime-tip",
            IntakeRules.Type.CRIME_TIP, "emergency", IntakeRules.Type.EMERGENCY);

    private final ReportService service;
    private final EventStore store;
    private final EventCodec<ReportEvent> codec;
    private final JsonWebToken token;
    private final Clock clock;
    private final vn.binhyen.report.service.ReportScope scope;
    private final vn.binhyen.report.service.ReporterKeys keys;

    Open311Resource(ReportService service, EventStore store, EventCodec<ReportEvent> codec, JsonWebToken token,
            Clock clock, vn.binhyen.report.service.ReportScope scope, vn.binhyen.report.service.ReporterKeys keys) {
        this.scope = scope;
        this.keys = keys;
        this.service = service;
        this.store = store;
        this.codec = codec;
        this.token = token;
        this.clock = clock;
    }

    public record Service(String service_code, String service_name, String description, boolean metadata, String type,
            String keywords, String group) {
    }

    @GET
    @Path("/services.json")
    @RolesAllowed({Roles.BOT, Roles.DUTY_OFFICER, Roles.AUDITOR})
    public List<Service> services() {
        return List.of(
                new Service("feedback", "Phản ánh, kiến nghị", "Phản ánh, kiến nghị của người dân (police-song-tri:14.1)",
                        false, "batch", "phản ánh,kiến nghị", "Công an phường"),
                new Service("crime-tip", "Tố giác, tin báo về tội phạm",
                        "Xử lý trong 24 giờ kể từ khi tiếp nhận (police-song-tri:15.3)", false, "batch",
                        "tố giác,tin báo,tội phạm", "Công an phường"),
                new Service("emergency", "Tin báo khẩn cấp", "Báo ngay chỉ huy (police-song-tri:15.4)", false,
                        "realtime", "khẩn cấp", "Công an phường"));
    }

    public record Created(String service_request_id, String service_notice, String account_id) {
    }

    public record Error(int code, String description) {
    }

    @POST
    @Path("/requests.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.BOT)
    public Response create(@FormParam("jurisdiction_id") @Size(max = 64) String jurisdiction,
            @FormParam("service_code") @Size(max = 32) String serviceCode,
            @FormParam("description") @Size(max = 10_000) String description,
            @FormParam("address_string") @Size(max = 500) String address,
            @FormParam("first_name") @Size(max = 100) String firstName,
            @FormParam("last_name") @Size(max = 100) String lastName, @FormParam("phone") @Size(max = 20) String phone,
            @Context ContainerRequestContext request) {
        IntakeRules.Type type = serviceCode == null ? null : SERVICES.get(serviceCode);
        if (type == null) {
            return Response.status(400).entity(List.of(new Error(400, "service_code must be one of "
                    + SERVICES.keySet().stream().sorted().toList()))).build();
        }
        // the jurisdiction is the receiving unit: one of the units whose groups this bot is bound to (issue 21)
        var served = scope.unitsServedBy(token.getName());
        String unit = jurisdiction != null && !jurisdiction.isBlank() ? jurisdiction.strip()
                : served.size() == 1 ? served.getFirst() : null;
        if (unit == null) {
            return Response.status(400).entity(List.of(new Error(400, "jurisdiction_id: the unit receiving the "
                    + "request, one of " + served))).build();
        }
        if (!served.contains(unit)) {
            return Response.status(403).entity(List.of(new Error(403, "jurisdiction_id: this bot is bound to no group "
                    + "of " + unit))).build();
        }
        if (phone != null && !phone.isBlank() && !ReportResource.PHONE_NUMBER.matcher(phone).matches()) {
            return Response.status(400).entity(List.of(new Error(400, "phone: a Vietnamese phone number"))).build();
        }
        String name = ((lastName == null ? "" : lastName.strip()) + " " + (firstName == null ? "" : firstName.strip()))
                .strip();
        var reporter = new ReportEvent.Reporter(name.isEmpty() ? null : name, null, blank(phone), null);
        var details = type == IntakeRules.Type.FEEDBACK ? null : new ReportEvent.TipDetails(null, blank(address),
                blank(description), null, null, null, null, null, null, null, null);
        var outcome = service.receive(null, type, "open311", null, unit, reporter, details,
                type == IntakeRules.Type.FEEDBACK ? description : null, token.getName(), Set.copyOf(token.getGroups()),
                clock.instant(), new CommandHandler.Metadata(Actor.of(token.getName(), Roles.BOT),
                        CorrelationIdFilter.of(request), null));
        Report.Open o = (Report.Open) outcome.state();
        String notice = IntakeRules.reply(IntakeRules.missing(o.type(), o.reporter(), o.details(), o.content()));
        return Response.ok(List.of(new Created(o.reportId(), notice, null))).build();
    }

    /** GeoReport's public view of a report: open or closed, with the latest public note. */
    public record ServiceRequest(String service_request_id, String status, String status_notes, String service_name,
            String service_code, String description, String agency_responsible, String requested_datetime,
            String updated_datetime, String expected_datetime, String address) {
    }

    @GET
    @Path("/requests/{id}.json")
    @RolesAllowed({Roles.BOT, Roles.DUTY_OFFICER, Roles.AUDITOR})
    public Response one(@PathParam("id") String id) {
        var request = publicView(id, servedUnits());
        return request == null ? Response.status(404).entity(List.of(new Error(404, "no request " + id))).build()
                : Response.ok(List.of(request)).build();
    }

    @GET
    @Path("/requests.json")
    @RolesAllowed({Roles.BOT, Roles.DUTY_OFFICER, Roles.AUDITOR})
    public Response many(@QueryParam("service_request_id") @jakarta.validation.constraints.Size(max = 7_000) String ids) {
        // comma-separated, cut in one pass (no regular expression on client text, issue 20)
        List<String> wanted = ids == null ? List.of() : vn.binhyen.contracts.text.Split.on(ids, ',', true).stream()
                .map(String::strip).filter(id -> !id.isEmpty()).toList();
        if (wanted.size() > MAX_IDS) { // each id is a stream read: bounded work for one request (issue 20)
            return Response.status(400).entity(List.of(new Error(400, "service_request_id: at most " + MAX_IDS
                    + " ids in one request, not " + wanted.size()))).build();
        }
        List<ServiceRequest> out = new ArrayList<>();
        List<String> served = servedUnits(); // once for the request, not once for each id
        for (String id : wanted) {
            var r = publicView(id, served);
            if (r != null) {
                out.add(r);
            }
        }
        return Response.ok(out).build();
    }

    /** The most requests one GET requests.json may name. */
    static final int MAX_IDS = 50;

    /** The units of the groups the calling bot is bound to (none for a caller that is not a bot). */
    private List<String> servedUnits() {
        return token.getGroups().contains(Roles.BOT) ? scope.unitsServedBy(token.getName()) : List.of();
    }

    /**
     * The public view, for the unit's officers and auditors, and the bots bound to a group of the
     * unit ({@code servedUnits}).
     */
    private ServiceRequest publicView(String id, List<String> servedUnits) {
        var placement = service.placement(id);
        if (placement == null) {
            return null;
        }
        var caller = vn.binhyen.report.service.ReportScope.Caller.of(token);
        boolean bot = servedUnits.contains(placement.unit());
        if (!bot && !vn.binhyen.report.service.ReportScope.sees(scope.rolesFor(caller, placement.unit(),
                placement.groupId()))) {
            return null;
        }
        if (!(service.load(id) instanceof Report.Open o)) {
            return null;
        }
        String notes = null;
        String updated = o.receivedAt().toString();
        for (var e : store.read(id)) {
            if (codec.decode(e) instanceof ReportEvent.CitizenFeedback f) {
                notes = f.message();
            }
            updated = e.recordedAt().toString();
        }
        String code = SERVICES.entrySet().stream().filter(x -> x.getValue() == o.type()).findFirst().orElseThrow().getKey();
        boolean closed = o.status() == Report.Status.RESOLVED || o.status() == Report.Status.TRANSFERRED;
        var details = keys.open(o.reportId(), o.details());
        return new ServiceRequest(o.reportId(), closed ? "closed" : "open", notes, code, code,
                details != null ? details.summary() : keys.open(o.reportId(), o.content()), "Công an phường",
                o.receivedAt().toString(), updated, o.deadline().toString(),
                details != null ? details.place() : null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

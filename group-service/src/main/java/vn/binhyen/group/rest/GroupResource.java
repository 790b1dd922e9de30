package vn.binhyen.group.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import vn.binhyen.eventlog.http.Matches;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.contracts.Roles;
import vn.binhyen.contracts.group.GroupEvent;
import vn.binhyen.contracts.group.GroupRole;
import vn.binhyen.eventlog.EventIds;
import vn.binhyen.eventlog.decider.CommandHandler;
import vn.binhyen.eventlog.decider.InvalidInput;
import vn.binhyen.eventlog.decider.NotPermitted;
import vn.binhyen.eventlog.http.PlausibleTime;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.group.domain.CompromisedReportLimits;
import vn.binhyen.group.domain.Group;
import vn.binhyen.group.domain.GroupCommand;
import vn.binhyen.group.domain.GroupDecider;
import vn.binhyen.group.domain.RegulationProfile;
import vn.binhyen.group.domain.UnknownGroupException;
import vn.binhyen.group.domain.unit.UnitDecider;
import vn.binhyen.group.projection.CompromisedReports;
import vn.binhyen.group.projection.GroupQueries;
import vn.binhyen.group.service.GroupCommandService;

/**
 * Groups: establish, read, roster proposals and approvals, pins, information, handover,
 * leaving, accounts, bots, suspension and termination. The actor is the token's subject; its role
 * in the group is checked against the roster by the decider. Every group belongs to an
 * established unit, and staff roles see and command only within their own ({@link Access}).
 * Every write returns the new stream version as the ETag and honours {@code If-Match}.
 */
@Tag(name = "Groups")
@Path("/api/v1/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {
    private final GroupCommandService service;
    private final GroupQueries queries;
    private final Map<String, RegulationProfile> profiles;
    private final JsonWebToken token;
    private final GroupWriter writer;
    private final CompromisedReports compromisedReports;

    GroupResource(GroupCommandService service, GroupQueries queries, Map<String, RegulationProfile> profiles,
            JsonWebToken token, GroupWriter writer, CompromisedReports compromisedReports) {
        this.service = service;
        this.queries = queries;
        this.profiles = profiles;
        this.token = token;
        this.writer = writer;
        this.compromisedReports = compromisedReports;
    }

    /**
     * {@code agencyContact}: the platform account of the member's agency leadership, told of a serious
     * violation (ward-binh-phuoc:9.3); none for a household's representative.
     */
    public record MemberInput(@NotBlank @Size(max = 128) String memberId, @NotBlank @Size(max = 200) String fullName,
            @Size(max = 64) String zaloId, @Size(max = 20) String phone, boolean householdRepresentative,
            @Size(max = 128) String agencyContact) {
        GroupEvent.Member toMember() {
            return new GroupEvent.Member(memberId, fullName, zaloId, phone, householdRepresentative,
                    agencyContact == null || agencyContact.isBlank() ? null : agencyContact.strip());
        }
    }

    /** {@code unit}: the id of the established unit the group belongs to. */
    public record EstablishRequest(@Size(max = 200) String name, @Size(max = 2000) String purpose,
            @Size(max = 64) String profile, @NotBlank @Size(max = 64) String unit, @Size(max = 32) String kind,
            @Size(max = 500) String responsibility, @Size(max = 500) String avatarRule, @Valid MemberInput leader) {
    }

    /**
     * Establishes a group of an established unit (422 naming {@code unit} otherwise, nothing
     * written): a system administrator for any unit, a commander for their own (403 otherwise).
     * A token's LEADER role grants nothing here: a group's leader is named in it, not the caller.
     */
    @POST
    @RolesAllowed({Roles.SYSTEM_ADMIN, Roles.COMMANDER})
    @Operation(summary = "Establish a group of a unit", description = "A system administrator for any unit, a "
            + "commander for their own (binhyen:units; 403 otherwise); the unit must be established (422) and the "
            + "profile loaded (400). A token's LEADER role grants nothing here: the group's leader is named in the "
            + "request.")
    @APIResponse(responseCode = "201", description = "The group established; Location names it, the ETag is its "
            + "version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response establish(@NotNull @Valid EstablishRequest r, @Context ContainerRequestContext request) {
        requireMayEstablishIn(r.unit());
        String groupId = "group-" + EventIds.next();
        var outcome = service.handle(groupId, OptionalLong.of(0), new GroupCommand.EstablishGroup(groupId, r.name(),
                r.purpose(), r.profile(), r.unit(), r.kind(), r.responsibility(), r.avatarRule(),
                r.leader() == null ? null : r.leader().toMember(), token.getName(), now()), meta(request));
        return writer.endpoint().created(URI.create("/api/v1/groups/" + groupId),
                GroupView.of(outcome.state(), outcome.version()), outcome.version());
    }

    /** {@code leaders}: by the template's group key, at most 50 groups at once; {@code unit}: as in establishing one. */
    public record TemplateRequest(@NotBlank @Size(max = 64) String profile, @NotBlank @Size(max = 64) String unit,
            @NotBlank @Size(max = 500) String responsibility,
            @NotNull @Size(max = 50) Map<@Size(max = 64) String, @NotNull @Valid MemberInput> leaders) {
    }

    /** Establishes every group of a profile's template at once, e.g. the twelve council groups. */
    @POST
    @Path("/templates/{templateId}")
    @RolesAllowed({Roles.SYSTEM_ADMIN, Roles.COMMANDER})
    @Operation(summary = "Establish every group of a profile's template at once", description = "E.g. the twelve "
            + "council groups (council-binh-duong:4; police-song-tri:5), all or none, each with the leader given under "
            + "its key, for a unit the caller may establish groups of (binhyen:units). An unknown profile or "
            + "templateId, or a group of the template without its leader, is 400; a unit not established, 422.")
    @APIResponse(responseCode = "201", description = "The groups established: each one's template key, id, name and "
            + "version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            type = SchemaType.ARRAY, implementation = GroupCommandService.Created.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response establishFromTemplate(@PathParam("templateId") String templateId,
            @NotNull @Valid TemplateRequest r, @Context ContainerRequestContext request) {
        requireMayEstablishIn(r.unit());
        RegulationProfile profile = profiles.get(r.profile());
        if (profile == null) {
            throw new InvalidInput(GroupDecider.PROFILES, "profile", "unknown regulation profile " + r.profile());
        }
        Map<String, GroupEvent.Member> leaders = new java.util.HashMap<>();
        r.leaders().forEach((key, m) -> leaders.put(key, m.toMember()));
        var created = service.establishFromTemplate(profile, templateId, r.unit(), r.responsibility(), leaders,
                meta(request), now());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    /**
     * Groups filtered by unit, profile and status, by name, a page at a time (oversight roles):
     * a system administrator's of every unit; a commander's of their unit; an auditor's of their
     * unit and those below it. A {@code unit} outside the caller's scope lists nothing.
     */
    @GET
    @RolesAllowed({Roles.SYSTEM_ADMIN, Roles.AUDITOR, Roles.COMMANDER})
    @Operation(summary = "List groups by name, a page at a time", description = "Filtered by unit, profile and "
            + "status: a system administrator's of every unit, a commander's of their unit, an auditor's of their "
            + "unit and those below it; a unit outside the caller's scope lists nothing.")
    @APIResponse(responseCode = "200", description = "One page of the groups, and how many there are in all",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupQueries.Page.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public GroupQueries.Page list(@QueryParam("unit") String unit, @QueryParam("profile") String profile,
            @QueryParam("status") @Matches(regexp = "ACTIVE|SUSPENDED|TERMINATED") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return queries.groups(unit, profile, status, writer.listScope(), page, size);
    }

    /** The group, for its members and oversight roles within their scope (404 beyond it). */
    @GET
    @Path("/{groupId}")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.SYSTEM_ADMIN, Roles.AUDITOR,
            Roles.COMMANDER, Roles.BOT})
    @Operation(summary = "Read a group", description = "For its members, and oversight roles within their scope; "
            + "beyond it the group is unknown (404).")
    @APIResponse(responseCode = "200", description = "The group; its version in the ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response get(@PathParam("groupId") String groupId) {
        var loaded = writer.readableLoaded(groupId);
        return writer.endpoint().ok(GroupView.of(loaded.group(), loaded.version()), loaded.version());
    }

    public record Holder(String memberId, String fullName, GroupRole role) {
    }

    /** Who held {@code role} in the group at {@code at} (ISO-8601), folded from the group's events up to then. */
    @GET
    @Path("/{groupId}/roles/{role}/holders")
    @RolesAllowed({Roles.SYSTEM_ADMIN, Roles.AUDITOR, Roles.COMMANDER, Roles.LEADER})
    @Operation(summary = "Who held a role in the group at a moment", description = "Folded from the group's events "
            + "up to at (an ISO-8601 instant, required), for the group's leader and oversight roles within their "
            + "scope.")
    @APIResponse(responseCode = "200", description = "The members who held the role then", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = Holder.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response holders(@PathParam("groupId") String groupId, @PathParam("role") GroupRole role,
            @QueryParam("at") String atText) {
        Instant at;
        try {
            at = Instant.parse(atText == null ? "" : atText);
        } catch (java.time.format.DateTimeParseException e) {
            return Problem.of("invalid-field", "Giá trị không hợp lệ / Invalid value", Response.Status.BAD_REQUEST,
                    "at must be an ISO-8601 instant such as 2026-11-22T08:00:00Z").withErrors(List.of(
                            new Problem.FieldError("at", "ISO-8601", "not an instant: " + atText))).toResponse();
        }
        if (!(service.load(groupId).group() instanceof Group.Established now)) {
            throw new UnknownGroupException("no group " + groupId);
        }
        if (now.roleOf(token.getName()).orElse(null) != GroupRole.LEADER && !writer.oversees(now)) {
            throw writer.outsider(groupId, "only the group's leader, and oversight roles within their unit, read its "
                    + "role history");
        }
        if (!(service.loadAt(groupId, at) instanceof Group.Established g)) {
            throw new UnknownGroupException("no group " + groupId + " at " + at);
        }
        return Response.ok(g.roster().values().stream().filter(s -> s.role() == role)
                .map(s -> new Holder(s.member().memberId(), s.member().fullName(), s.role())).toList()).build();
    }

    public record ProposalRequest(@NotNull vn.binhyen.contracts.group.MembershipChange change, @NotNull @Valid MemberInput member,
            GroupRole role, @Size(max = 1000) String reason) {
    }

    @POST
    @Path("/{groupId}/membership-proposals")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Propose adding or removing a member", description = "The roles the group's regulation "
            + "lets add or remove members do so at once; the roles it lets propose put it to the leader (a proposals "
            + "entry).")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response propose(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ProposalRequest r, @Context ContainerRequestContext request) {
        String proposalId = "proposal-" + EventIds.next();
        return write(groupId, ifMatch, new GroupCommand.ProposeMembership(proposalId, r.change(), r.member().toMember(),
                r.role(), r.reason(), token.getName(), now()), request);
    }

    public record DecisionRequest(boolean approve, @Size(max = 1000) String reason) {
    }

    @POST
    @Path("/{groupId}/membership-proposals/{proposalId}/decision")
    // any member may ask; the decider answers a non-leader with a 403 naming the rule (only the leader decides)
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Approve or reject a membership proposal", description = "Only the group's leader by its "
            + "roster decides (403 otherwise); an unknown proposalId is 422.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response decide(@PathParam("groupId") String groupId, @PathParam("proposalId") String proposalId,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid DecisionRequest r,
            @Context ContainerRequestContext request) {
        return write(groupId, ifMatch, new GroupCommand.DecideProposal(proposalId, r.approve(), r.reason(),
                token.getName(), now()), request);
    }

    public record RoleRequest(@NotBlank @Size(max = 128) String memberId, @NotNull GroupRole role) {
    }

    @POST
    @Path("/{groupId}/role-assignments")
    @RolesAllowed(Roles.LEADER)
    @Operation(summary = "Assign a member a deputy or admin role", description = "By the group's leader; the "
            + "leader's own role passes only by handover, and the board's size is capped where the regulation caps it.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response assignRole(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid RoleRequest r, @Context ContainerRequestContext request) {
        return write(groupId, ifMatch, new GroupCommand.AssignRole(r.memberId(), r.role(), token.getName(), now()),
                request);
    }

    public record HandoverRequest(@NotNull GroupRole role, @NotBlank @Size(max = 128) String fromMemberId,
            @NotNull @Valid MemberInput successor) {
    }

    @POST
    @Path("/{groupId}/handovers")
    @RolesAllowed(Roles.LEADER)
    @Operation(summary = "Hand the leader's or an admin's role over to a successor", description = "Directed by the "
            + "group's leader; a successor not on the roster joins it.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response handOver(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid HandoverRequest r, @Context ContainerRequestContext request) {
        return write(groupId, ifMatch, new GroupCommand.HandOverRole(r.role(), r.fromMemberId(),
                r.successor().toMember(), token.getName(), now()), request);
    }

    public record LeaveRequest(@Size(max = 1000) String reason) {
    }

    @POST
    @Path("/{groupId}/leave-requests")
    @RolesAllowed({Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.LEADER})
    @Operation(summary = "Ask to leave the group", description = "Where the regulation asks the leader's consent a "
            + "leave request is recorded, else the member leaves at once; the leader hands the role over first (422).")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response leave(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @Valid LeaveRequest r, @Context ContainerRequestContext request) {
        return write(groupId, ifMatch, new GroupCommand.RequestLeave(r == null ? null : r.reason(), token.getName(),
                now()), request);
    }

    @POST
    @Path("/{groupId}/leave-requests/{memberId}/consent")
    // no body: a client sending none, and no Content-Type, is answered by its rights, not with a 415
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.WILDCARD)
    // the roster decides who is the leader (RosterDecisions), not the token's word for a group role
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Consent to a member's leaving", description = "Only the group's leader by its roster "
            + "(403 otherwise); a member who has not asked to leave is 422.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response consent(@PathParam("groupId") String groupId, @PathParam("memberId") String memberId,
            @HeaderParam("If-Match") String ifMatch, @Context ContainerRequestContext request) {
        return write(groupId, ifMatch, new GroupCommand.ConsentToLeave(memberId, token.getName(), now()), request);
    }

    public record AccountChangeRequest(@NotBlank @Size(max = 128) String memberId, @Size(max = 64) String newZaloId,
            @Size(max = 20) String newPhone) {
    }

    @POST
    @Path("/{groupId}/account-changes")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Record a member's new Zalo id or phone number", description = "By the member, the "
            + "leader or an admin (the regulation's rule, else binhyen:accounts).")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response changeAccount(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid AccountChangeRequest r, @Context ContainerRequestContext request) {
        return write(groupId, ifMatch, new GroupCommand.ChangeAccount(r.memberId(), r.newZaloId(), r.newPhone(),
                token.getName(), now()), request);
    }

    public record CompromisedRequest(@NotBlank @Size(max = 128) String memberId, @Size(max = 2000) String details) {
    }

    @POST
    @Path("/{groupId}/compromised-accounts")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Report a member's hijacked account", description = "Any member of the group reports it, "
            + "at once, whatever version they last saw (no If-Match), and every member is paged. The same member "
            + "reported again within the hour is 409 (limit:compromised-report-duplicate); beyond a reporter's or the "
            + "group's share, 429 (limit:compromised-report-rate).")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The member was reported within the hour and the group was "
            + "told (type already-reported), nothing recorded; or concurrent changes to the group were written first "
            + "three times running (type concurrent-change): retry", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "412", description = "The group changed between reading its recent reports and "
            + "appending, three times running (type stale-version): retry", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    @APIResponse(responseCode = "429", description = "The reporter has made 3 reports in the group in 24 h, or the "
            + "group has received 10 in an hour (type too-many-reports); Retry-After gives the seconds until one is "
            + "accepted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response compromised(@PathParam("groupId") String groupId, @NotNull @Valid CompromisedRequest r,
            @Context ContainerRequestContext request) {
        // at once, whatever version the caller last saw: no If-Match. How often is limited (409 for
        // the same member again within the hour, 429 beyond a reporter's or the group's share), by the
        // group's reports of the last 24 h with their times, which the events themselves do not carry;
        // appended at the version they were read at, so that a report made meanwhile is counted (tried
        // again, with it, a few times; then the usual 409 for a concurrent change)
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
            var recent = compromisedReports.since(groupId, now.minus(CompromisedReportLimits.LOOK_BACK));
            try {
                return writer.writeAt(groupId, java.util.OptionalLong.of(recent.version()),
                        new GroupCommand.ReportAccountCompromised(r.memberId(), r.details(), token.getName(), now,
                                recent.reports()), meta(request));
            } catch (vn.binhyen.eventlog.decider.StaleVersionException | vn.binhyen.eventlog.ConcurrencyException e) {
                if (attempt == 3) { // the read's version was not the group's (412), or a writer raced (409)
                    throw e;
                }
            }
        }
    }

    /**
     * A change to the group's information. Where the regulation asks for the leader's direction, an
     * admin's change is proposed to the leader (its {@code infoChanges} entry), who decides it with
     * {@code POST /{groupId}/info-changes/{changeId}/decision}; the leader's own change, or any where
     * the regulation asks none, is made at once.
     */
    public record InfoRequest(@Size(max = 200) String name, @Size(max = 500) String avatar,
            @Size(max = 2000) String description) {
    }

    @POST
    @Path("/{groupId}/info")
    @RolesAllowed({Roles.LEADER, Roles.ADMIN})
    @Operation(summary = "Change the group's name, avatar or description", description = "The leader, or an admin "
            + "where the regulation asks no direction, changes it at once; where it asks the leader's "
            + "(council-binh-duong:9.1, ioc-dak-lak:4.2.3, province-lai-chau:6.1) an admin's change is proposed (an "
            + "infoChanges entry) for the leader to decide.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response changeInfo(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid InfoRequest r, @Context ContainerRequestContext request) {
        return write(groupId, ifMatch, new GroupCommand.ChangeGroupInfo(r.name(), r.avatar(), r.description(),
                "info-change-" + vn.binhyen.eventlog.EventIds.next(), token.getName(), now()), request);
    }

    public record DeliveryProblemRequest(@Size(max = 1000) String details) {
    }

    /**
     * A member tells the group's admins that its messages do not reach them, or theirs do not go
     * out (each seed's duty, e.g. police-song-tri:7(II).4): the admins are told; once an hour a member.
     */
    @POST
    @Path("/{groupId}/delivery-problems")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Report that the group's messages do not arrive", description = "A member tells the "
            + "group's admins (each regulation's own clause, e.g. police-song-tri:7(II).4); once an hour a member.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The member reported it within the hour and the admins were "
            + "told (type state-conflict), nothing recorded; or a concurrent change to the group was written first "
            + "(type concurrent-change): read again and retry", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response reportDeliveryProblem(@PathParam("groupId") String groupId, @Valid DeliveryProblemRequest r,
            @Context ContainerRequestContext request) {
        return write(groupId, null, new GroupCommand.ReportDeliveryProblem(r == null ? null : r.details(),
                token.getName(), now()), request);
    }

    /** {@code account}: the Zalo id (or member id) that acted; {@code observedAt}: when the bot saw it. */
    public record ObservedActionRequest(@NotBlank @Size(max = 128) String account,
            @NotNull GroupCommand.AdminAction action, @PlausibleTime Instant observedAt) {
    }

    /**
     * A bot bound to the group reports an admin action it saw in the Zalo group; one by an account
     * without the admin rights is recorded (AdminRightsMisused) and the board is told at once
     * (police-song-tri:6.10). Answers the group as it stands.
     */
    @POST
    @Path("/{groupId}/observed-actions")
    @RolesAllowed({Roles.BOT})
    @Operation(summary = "Report an admin action a bot saw in the Zalo group", description = "By a bot bound to the "
            + "group (else the group is unknown, 404); an action by an account without the admin rights is recorded "
            + "(AdminRightsMisused) and the board told at once (police-song-tri:6.10).")
    @APIResponse(responseCode = "200", description = "The group as it stands; its version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response reportObservedAction(@PathParam("groupId") String groupId, @NotNull @Valid ObservedActionRequest r,
            @Context ContainerRequestContext request) {
        writer.readable(groupId); // a bot reports only in a group it is bound to: else the group is unknown (404)
        return write(groupId, null, new GroupCommand.ReportObservedAction(r.account(), r.action(), r.observedAt(),
                token.getName(), now()), request);
    }

    @POST
    @Path("/{groupId}/info-changes/{changeId}/decision")
    // the decider answers anyone but the leader by the roster with a 403 naming the rule
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Approve or reject a proposed change to the group's information", description = "By the "
            + "role the regulation names to direct it, the leader (403 otherwise); an unknown changeId is 422.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response decideInfoChange(@PathParam("groupId") String groupId, @PathParam("changeId") String changeId,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid DecisionRequest r,
            @Context ContainerRequestContext request) {
        return write(groupId, ifMatch, new GroupCommand.DecideInfoChange(changeId, r.approve(), r.reason(),
                token.getName(), now()), request);
    }

    public record PinRequest(@NotBlank @Size(max = 128) String messageId, @PlausibleTime Instant expiresAt) {
    }

    @POST
    @Path("/{groupId}/pins")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER})
    @Operation(summary = "Pin a message", description = "By the roles the regulation names; it expires at "
            + "expiresAt, in the future, or after the regulation's default.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response pin(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid PinRequest r, @Context ContainerRequestContext request) {
        return write(groupId, ifMatch, new GroupCommand.PinMessage("pin-" + EventIds.next(), r.messageId(),
                r.expiresAt(), token.getName(), now()), request);
    }

    public record SuspendRequest(@NotBlank @Size(max = 200) String decisionRef, @NotBlank @Size(max = 2000) String reason,
            @NotNull Instant until) {
    }

    @POST
    @Path("/{groupId}/suspension")
    @RolesAllowed({Roles.COMMANDER, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Suspend the group", description = "By a commander of the group's unit or a system "
            + "administrator (another unit's group is unknown, 404), on a superior authority's decision, until a time "
            + "in the future (the regulation's lifecycle rule); meanwhile the group can only be read.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response suspend(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid SuspendRequest r, @Context ContainerRequestContext request) {
        writer.commandable(groupId);
        return write(groupId, ifMatch, new GroupCommand.SuspendGroup(r.decisionRef(), r.reason(), r.until(),
                token.getName(), now()), request);
    }

    @POST
    @Path("/{groupId}/resumption")
    // no body: a client sending none, and no Content-Type, is answered by its rights, not with a 415
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.WILDCARD)
    @RolesAllowed({Roles.COMMANDER, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Resume a suspended group", description = "By a commander of the group's unit or a system "
            + "administrator (another unit's group is unknown, 404); a group that is not suspended is 422.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response resume(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @Context ContainerRequestContext request) {
        writer.commandable(groupId);
        return write(groupId, ifMatch, new GroupCommand.ResumeGroup(token.getName(), now()), request);
    }

    public record TerminateRequest(@NotNull GroupCommand.TerminationGround ground,
            @NotBlank @Size(max = 2000) String reason) {
    }

    @POST
    @Path("/{groupId}/termination")
    @RolesAllowed({Roles.COMMANDER, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Terminate the group", description = "By a commander of the group's unit or a system "
            + "administrator (another unit's group is unknown, 404), on a serious violation or the unit's dissolution "
            + "without handover; the group can then only be read.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response terminate(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TerminateRequest r, @Context ContainerRequestContext request) {
        writer.commandable(groupId);
        return write(groupId, ifMatch, new GroupCommand.TerminateGroup(r.ground(), r.reason(), token.getName(),
                now()), request);
    }

    public record ProfileRequest(@NotBlank @Size(max = 64) String profile, @NotBlank @Size(max = 200) String decisionRef) {
    }

    /** Moves the group to another profile, or to the current version of its own, as an event. */
    @POST
    @Path("/{groupId}/profile")
    @RolesAllowed({Roles.COMMANDER, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Move the group to another regulation profile", description = "Or to the current version "
            + "of its own, on a decision, by a commander of the group's unit or a system administrator (another "
            + "unit's group is unknown, 404); an unknown profile is 400, the profile and version it already follows "
            + "422.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response changeProfile(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ProfileRequest r, @Context ContainerRequestContext request) {
        writer.commandable(groupId);
        return write(groupId, ifMatch, new GroupCommand.ChangeProfile(r.profile(), r.decisionRef(), token.getName(),
                now()), request);
    }

    public record BotRequest(@NotBlank @Size(max = 128) String botId) {
    }

    /**
     * Binds a chat bot (the subject of its token) to the group, which it then serves: asked by
     * the group's leader by its roster, whatever the token's role, or by a system administrator;
     * the decider answers anyone else 403 (binhyen:bots), a bot already bound 409.
     */
    @POST
    @Path("/{groupId}/bots")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Bind a chat bot to the group", description = "Asked by the group's leader by its roster, "
            + "whatever the token's role, or by a system administrator (binhyen:bots; 403 otherwise).")
    @APIResponse(responseCode = "201", description = "The bot bound: Location names it, the body is the group, the "
            + "ETag its new version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The bot is already bound to the group (type "
            + "state-conflict, binhyen:bots); or a concurrent change to the group was written first (type "
            + "concurrent-change): read again and retry", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response bindBot(@PathParam("groupId") String groupId, @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid BotRequest r, @Context ContainerRequestContext request) {
        Response written = write(groupId, ifMatch, new GroupCommand.BindBot(r.botId(), token.getName(),
                token.getGroups(), now()), request);
        return Response.created(UriBuilder.fromPath("/api/v1/groups/{groupId}/bots/{botId}")
                        .build(groupId, r.botId().strip()))
                .tag(written.getEntityTag()).entity(written.getEntity()).build();
    }

    /** Unbinds the bot, asked as binding is; a bot that is not bound is 409. */
    @DELETE
    @Path("/{groupId}/bots/{botId}")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Unbind a chat bot from the group", description = "Asked as binding is (binhyen:bots; 403 "
            + "otherwise); allowed while the group is suspended.")
    @APIResponse(responseCode = "200", description = "The group after the command; its new version in the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The bot is not bound to the group (type state-conflict, "
            + "binhyen:bots); or a concurrent change to the group was written first (type concurrent-change): read "
            + "again and retry", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.RULE_VIOLATION)
    public Response unbindBot(@PathParam("groupId") String groupId, @PathParam("botId") String botId,
            @HeaderParam("If-Match") String ifMatch, @Context ContainerRequestContext request) {
        return write(groupId, ifMatch, new GroupCommand.UnbindBot(botId, token.getName(), token.getGroups(), now()),
                request);
    }

    /** 403 (binhyen:units) unless the caller may establish groups of {@code unit} ({@link Access#mayEstablishIn}). */
    private void requireMayEstablishIn(String unit) {
        if (!Access.mayEstablishIn(token, unit)) {
            throw new NotPermitted(UnitDecider.UNITS, "a commander establishes groups of their own unit only, "
                    + "a system administrator of any");
        }
    }

    private Response write(String groupId, String ifMatch, GroupCommand command, ContainerRequestContext request) {
        return writer.write(groupId, ifMatch, command, request);
    }

    private CommandHandler.Metadata meta(ContainerRequestContext request) {
        return writer.meta(request);
    }

    private Instant now() {
        return writer.now();
    }

    /** A group as the API shows it: {@code unit} is its unit's id, {@code bots} the bots bound to it. */
    public record GroupView(String groupId, String name, String purpose, String profile, int profileVersion,
            String unit, String kind, String status,
            String avatar, String description, List<Seat> roster, List<Proposal> proposals, List<PinView> pins,
            List<String> leaveRequests, List<String> bots, List<InfoChange> infoChanges, long version) {
        /** An admin's change to the group's information, waiting for the leader's direction. */
        public record InfoChange(String changeId, String name, String avatar, String description, String proposedBy) {
        }

        public record Seat(String memberId, String fullName, GroupRole role, boolean householdRepresentative,
                boolean postingFrozen) {
        }

        /** {@code reason}: the proposer's, or for a removal the sanction ladder proposed, its level and clause. */
        public record Proposal(String proposalId, vn.binhyen.contracts.group.MembershipChange change, String memberId, String fullName, GroupRole role,
                String proposedBy, String reason) {
        }

        public record PinView(String pinId, String messageId, Instant expiresAt) {
        }

        static GroupView of(Group group, long version) {
            if (!(group instanceof Group.Established g)) {
                throw new UnknownGroupException("no such group");
            }
            return new GroupView(g.groupId(), g.name(), g.purpose(), g.profile(), g.profileVersion(), g.unit(),
                    g.kind(), g.status().name(), g.avatar(),
                    g.description(),
                    g.roster().values().stream().map(s -> new Seat(s.member().memberId(), s.member().fullName(), s.role(),
                            s.member().householdRepresentative(), s.postingFrozen())).toList(),
                    g.proposals().values().stream().map(p -> new Proposal(p.proposalId(), p.change(),
                            p.member().memberId(), p.member().fullName(), p.role(), p.proposedBy(), p.reason())).toList(),
                    g.pins().values().stream().map(p -> new PinView(p.pinId(), p.messageId(), p.expiresAt())).toList(),
                    g.leaveRequests().stream().sorted().toList(), g.bots().stream().sorted().toList(),
                    g.infoChanges().values().stream().map(c -> new InfoChange(c.changeId(), c.name(), c.avatar(),
                            c.description(), c.proposedBy())).toList(), version);
        }
    }
}

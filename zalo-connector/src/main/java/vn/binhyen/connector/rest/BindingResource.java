package vn.binhyen.connector.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.connector.service.ActionWorker;
import vn.binhyen.connector.service.BindingService;
import vn.binhyen.connector.service.Bindings;
import vn.binhyen.connector.service.BotClient;
import vn.binhyen.connector.service.Members;
import vn.binhyen.connector.domain.Platform;
import vn.binhyen.connector.config.ConnectorConfig;
import vn.binhyen.connector.service.OaClient;
import vn.binhyen.connector.service.ZaloAnswer;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.directory.Directory;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.eventlog.http.ProblemResponses;

/**
 * Binding a real Zalo group to a Bình Yên group (issue 26): by the group's leader (its roster
 * says so) or a system administrator; checked with Zalo that the OA is in that group
 * ({@code getgroup}); then the members Zalo lists ({@code listmember}) are mapped to the roster
 * (by the account the roster names, else by full name). A group on the Zalo Bot platform is bound
 * to a configured bot (which can only post).
 */
@Tag(name = "Bindings")
@Path("/api/v1/bindings")
@Produces(MediaType.APPLICATION_JSON)
public class BindingResource {
    /**
     * The binding's answer as the document describes it once (the resource answers a map): named
     * {@code Binding}, and referred to by its three operations.
     */
    @Schema(name = "Binding")
    record BindingDoc(String groupId,
            @Schema(enumeration = {"zalo-oa", "zalo-bot"}) String platform,
            @Schema(description = "The OA, or bot:<name> for a bot") String oaId,
            String zaloGroupId,
            @Schema(description = "The accounts seen in the Zalo group, each {zaloUserId, name, memberId (null when "
                    + "no roster member is known by it), mappedBy}") List<Map<String, String>> members,
            @Schema(description = "How many members Zalo listed, on a new OA binding only") Integer listedByZalo) {
    }

    /** The most members read from Zalo's list at a binding (Zalo's GMF groups hold up to 1,000). */
    static final int MAX_LISTED = 1000;

    private final Bindings bindings;
    private final Members members;
    private final OaClient zalo;
    private final Directory directory;
    private final JsonWebToken token;
    private final BindingService service;
    private final ActionWorker worker;
    private final BotClient bots;

    BindingResource(Bindings bindings, Members members, OaClient zalo, Directory directory, JsonWebToken token,
            BindingService service, ActionWorker worker, BotClient bots) {
        this.bindings = bindings;
        this.members = members;
        this.zalo = zalo;
        this.directory = directory;
        this.token = token;
        this.service = service;
        this.worker = worker;
        this.bots = bots;
    }

    public record BindingRequest(@NotBlank @Size(max = 128) String groupId,
            @NotBlank @Size(max = 20) String platform,
            @NotBlank @Size(max = 128) String oaId, @NotBlank @Size(max = 128) String zaloGroupId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    // a person's token says only that they are a person; the roster says who leads the group
    @RolesAllowed({Roles.MEMBER, Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Bind a Zalo group to a Bình Yên group", description = "By the group's leader by its roster "
            + "or a system administrator (else 403, type not-the-leader). On zalo-oa, Zalo is asked whether the OA is "
            + "in the group and its members are mapped to the roster; on zalo-bot (oaId: the bot's name) nothing is "
            + "checked with Zalo. The same binding again is answered 200 and changes nothing.")
    @APIResponse(responseCode = "200", description = "Already bound so: the binding, unchanged", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BindingDoc.class)))
    @APIResponse(responseCode = "201", description = "Bound: the binding and the accounts mapped", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BindingDoc.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The group, or the Zalo group, is bound otherwise (type "
            + "already-bound); Zalo refused: the OA is not in the Zalo group (type oa-not-in-group) or another refusal "
            + "(type zalo-refused); or a concurrent change was written first (type concurrent-change)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "platform is not zalo-oa or zalo-bot (type unknown-platform), or "
            + "oaId names no OA (type unknown-oa) or bot (type unknown-bot) this connector is configured with",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response bind(@Valid @NotNull BindingRequest r) {
        if (directory.profileOf(r.groupId()).isEmpty()) {
            return Problem.of("unknown-group", "Không có nhóm này / No such group", Response.Status.NOT_FOUND,
                    "groupId: no group " + r.groupId() + " is known").toResponse();
        }
        boolean admin = token.getGroups().contains(Roles.SYSTEM_ADMIN);
        if (!admin && !directory.roleIn(r.groupId(), token.getName()).filter("LEADER"::equals).isPresent()) {
            return Problem.of("not-the-leader", "Chỉ Trưởng nhóm gắn nhóm Zalo / Only the group's leader binds it",
                    Response.Status.FORBIDDEN, "the group's leader or a system administrator binds a Zalo group")
                    .toResponse();
        }
        if (!r.platform().equals("zalo-oa") && !r.platform().equals("zalo-bot")) {
            return Problem.of("unknown-platform", "Nền tảng không hợp lệ / Unknown platform", 422,
                    "platform: zalo-oa or zalo-bot").withErrors(List.of(new Problem.FieldError("platform",
                            "one-of", "zalo-oa, zalo-bot"))).toResponse();
        }
        if (r.platform().equals("zalo-bot")) {
            return bindBot(r, admin);
        }
        Optional<ConnectorConfig.Oa> oa = zalo.oa(r.oaId());
        if (oa.isEmpty()) {
            return Problem.of("unknown-oa", "Không có Official Account này / Unknown Official Account", 422,
                    "oaId: no Official Account " + r.oaId() + " is configured in this connector")
                    .withErrors(List.of(new Problem.FieldError("oaId", "configured-oa", "an OA of this connector")))
                    .toResponse();
        }
        Bindings.Binding wanted = new Bindings.Binding(r.groupId(), Platform.ZALO_OA, r.oaId(), r.zaloGroupId());
        Optional<Bindings.Binding> existing = bindings.ofGroup(r.groupId());
        if (existing.isPresent()) {
            return existing.get().equals(wanted) ? Response.ok(view(wanted, null)).build()
                    : Problem.of("already-bound", "Nhóm đã được gắn / Already bound", Response.Status.CONFLICT,
                            "group " + r.groupId() + " is bound to Zalo group " + existing.get().zaloGroupId())
                            .toResponse();
        }
        if (bindings.ofZaloGroup(r.oaId(), r.zaloGroupId()).isPresent()) {
            return Problem.of("already-bound", "Nhóm Zalo đã được gắn / Zalo group already bound",
                    Response.Status.CONFLICT, "zaloGroupId: bound to another group").toResponse();
        }
        ZaloAnswer group = zalo.get(oa.get(), "group/getgroup", Map.of("group_id", r.zaloGroupId()));
        if (!group.ok()) {
            return switch (group.kind()) {
                case PERMANENT -> Problem.of(group.error() == -403 ? "oa-not-in-group" : "zalo-refused",
                        "Zalo từ chối / Zalo refused", Response.Status.CONFLICT,
                        "zaloGroupId: " + group.describe()).toResponse();
                default -> Problem.of("zalo-unavailable", "Zalo không phản hồi / Zalo unavailable",
                        Response.Status.SERVICE_UNAVAILABLE, group.describe()).toResponse();
            };
        }
        List<JsonNode> listed = new ArrayList<>();
        for (int offset = 0; offset < MAX_LISTED; offset += 50) {
            ZaloAnswer page = zalo.get(oa.get(), "group/listmember",
                    Map.of("group_id", r.zaloGroupId(), "offset", String.valueOf(offset), "count", "50"));
            if (!page.ok()) {
                return Problem.of("zalo-unavailable", "Zalo không phản hồi / Zalo unavailable",
                        Response.Status.SERVICE_UNAVAILABLE, "listing the members: " + page.describe()).toResponse();
            }
            page.data().path("members").forEach(listed::add);
            if (page.data().path("members").size() < 50) {
                break;
            }
        }
        service.bind(wanted, "zalo-oa", token.getName(), admin, listed);
        return Response.status(Response.Status.CREATED).entity(view(wanted, listed.size())).build();
    }

    /**
     * The leader has an account no roster member is known by removed from the Zalo group (one
     * that joined without an approved proposal, or wrote as a stranger): {@code removemembers}, once.
     * A roster member is removed through the roster instead (group-service's proposal, then
     * {@code MemberRemoved}).
     */
    @POST
    @Path("/{groupId}/accounts/{zaloUserId}/removal")
    @RolesAllowed({Roles.MEMBER, Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Remove from the Zalo group an account no roster member is known by", description = "By the "
            + "group's leader by its roster or a system administrator (to anyone else the binding does not exist, "
            + "404); requested of Zalo once, carried out after. A roster member is removed through the roster.")
    @APIResponse(responseCode = "202", description = "The removal is requested; key names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            properties = @SchemaProperty(name = "key", type = SchemaType.STRING))))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The account is a roster member's (type roster-member), the "
            + "group's platform cannot remove members (type platform-cannot), or a concurrent request was written "
            + "first (type concurrent-change)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(ref = "Problem")))
    public Response removeAccount(@PathParam("groupId") String groupId, @PathParam("zaloUserId") String zaloUserId) {
        Optional<Bindings.Binding> b = ledByTheCaller(groupId);
        if (b.isEmpty()) {
            return notYours(groupId, "accounts");
        }
        var seen = members.mapping(b.get()).stream().filter(m -> zaloUserId.equals(m.get("zaloUserId"))).findFirst();
        if (seen.isEmpty()) {
            return Problem.of("unknown-account", "Không có tài khoản này / No such account", Response.Status.NOT_FOUND,
                    "zaloUserId: no such account was seen in the group").toResponse();
        }
        if (seen.get().get("memberId") != null) {
            return Problem.of("roster-member", "Thành viên trong danh sách / A roster member", Response.Status.CONFLICT,
                    "zaloUserId: this account is a roster member's; the member is removed through the roster (a "
                            + "proposal the leader approves)").toResponse();
        }
        var removal = b.get().platform().can(Platform.Effect.REMOVE_MEMBER);
        if (!removal.possible()) {
            return platformCannot(removal, "remove the account in the Zalo app");
        }
        String key = "account-removal:" + groupId + ":" + zaloUserId + ":REMOVE_MEMBER";
        service.removeAccount(b.get(), key, "leader:" + token.getName(), zaloUserId);
        worker.wake();
        return Response.accepted(Map.of("key", key)).build();
    }

    /** What the leader sets in the Zalo group: whether members may post, and why (recorded with the request). */
    public record SettingsRequest(@NotNull Boolean lockSendMsg, @NotBlank @Size(max = 500) String reason) {
    }

    /**
     * During an incident (a hijacked account, a flood, a leak being passed on) the leader stops
     * members posting in the Zalo group, and lets them again after: GMF's {@code updateinfo}
     * ({@code lock_send_msg}; the group's admins may still post). Each request is its own action,
     * requested of Zalo once and carried out after; the reason is recorded with it.
     */
    @POST
    @Path("/{groupId}/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MEMBER, Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Lock or unlock posting in the Zalo group", description = "By the group's leader by its "
            + "roster or a system administrator (to anyone else the binding does not exist, 404): lockSendMsg true "
            + "stops members posting (admins still may), false lets them again; reason is recorded with the request. "
            + "Requested of Zalo once, carried out after: its outcome is ActionCarriedOut or ActionNotPossible.")
    @APIResponse(responseCode = "202", description = "The change is requested; key names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            properties = @SchemaProperty(name = "key", type = SchemaType.STRING))))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The group's platform cannot change its settings (type "
            + "platform-cannot: the Zalo Bot platform)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(ref = "Problem")))
    public Response settings(@PathParam("groupId") String groupId, @Valid @NotNull SettingsRequest r) {
        Optional<Bindings.Binding> b = ledByTheCaller(groupId);
        if (b.isEmpty()) {
            return notYours(groupId, "settings");
        }
        var lock = b.get().platform().can(Platform.Effect.LOCK_GROUP);
        if (!lock.possible()) {
            return platformCannot(lock, "change the group's settings in the Zalo app");
        }
        String key = "settings:" + groupId + ":" + vn.binhyen.eventlog.EventIds.next() + ":LOCK_GROUP";
        String decision = (r.lockSendMsg() ? "lock by " : "unlock by ") + token.getName() + ": "
                + java.text.Normalizer.normalize(r.reason().strip(), java.text.Normalizer.Form.NFC);
        service.lock(b.get(), key, decision, r.lockSendMsg());
        worker.wake();
        return Response.accepted(Map.of("key", key)).build();
    }

    /** The group's binding, when the caller leads the group by its roster or is a system administrator. */
    private Optional<Bindings.Binding> ledByTheCaller(String groupId) {
        boolean admin = token.getGroups().contains(Roles.SYSTEM_ADMIN);
        boolean leads = directory.roleIn(groupId, token.getName()).filter("LEADER"::equals).isPresent();
        return admin || leads ? bindings.ofGroup(groupId) : Optional.empty();
    }

    /** To anyone but its leader and the system administrators, a binding does not exist. */
    private static Response notYours(String groupId, String what) {
        return Problem.of("not-found", "Không tìm thấy / Not found", Response.Status.NOT_FOUND,
                "no binding of " + groupId + " whose " + what + " you decide on").toResponse();
    }

    private static Response platformCannot(Platform.Capability cannot, String instead) {
        return Problem.of("platform-cannot", "Nền tảng không cho phép / The platform cannot do it",
                Response.Status.CONFLICT, cannot.reason() + "; " + instead).toResponse();
    }

    /**
     * A group carried by a Zalo Bot platform bot ({@code oaId}: the bot's name here). The platform
     * has no call that lists a group's members or says whether the bot is in it, so nothing is
     * checked with Zalo: accounts are mapped as their messages come (the roster's account, or the
     * one member of the sender's display name). The bot can only post; what a decision asks beyond
     * a notice is recorded as not possible.
     */
    private Response bindBot(BindingRequest r, boolean admin) {
        if (bots.bot(r.oaId()).isEmpty()) {
            return Problem.of("unknown-bot", "Không có bot này / Unknown bot", 422,
                    "oaId: no Zalo Bot platform bot " + r.oaId() + " is configured in this connector")
                    .withErrors(List.of(new Problem.FieldError("oaId", "configured-bot", "a bot of this connector")))
                    .toResponse();
        }
        Bindings.Binding wanted = new Bindings.Binding(r.groupId(), Platform.ZALO_BOT, "bot:" + r.oaId(),
                r.zaloGroupId());
        Optional<Bindings.Binding> existing = bindings.ofGroup(r.groupId());
        if (existing.isPresent()) {
            return existing.get().equals(wanted) ? Response.ok(view(wanted, null)).build()
                    : Problem.of("already-bound", "Nhóm đã được gắn / Already bound", Response.Status.CONFLICT,
                            "group " + r.groupId() + " is bound to Zalo group " + existing.get().zaloGroupId())
                            .toResponse();
        }
        if (!service.bind(wanted, "zalo-bot", token.getName(), admin, List.of())) {
            return Problem.of("already-bound", "Nhóm Zalo đã được gắn / Zalo group already bound",
                    Response.Status.CONFLICT, "zaloGroupId: bound to another group").toResponse();
        }
        return Response.status(Response.Status.CREATED).entity(view(wanted, null)).build();
    }

    @GET
    @Path("/{groupId}")
    @RolesAllowed({Roles.MEMBER, Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Read a group's binding and its accounts", description = "To the group's board by its roster "
            + "and system administrators; to anyone else it does not exist (404).")
    @APIResponse(responseCode = "200", description = "The binding and the accounts seen in the Zalo group", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BindingDoc.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response get(@PathParam("groupId") String groupId) {
        boolean admin = token.getGroups().contains(Roles.SYSTEM_ADMIN);
        Optional<Bindings.Binding> b = bindings.ofGroup(groupId);
        if (b.isEmpty() || !admin && !directory.onBoard(groupId, token.getName())) {
            return Problem.of("not-found", "Không tìm thấy / Not found", Response.Status.NOT_FOUND,
                    "no binding of " + groupId + " that you may see").toResponse();
        }
        return Response.ok(view(b.get(), null)).build();
    }

    private Map<String, Object> view(Bindings.Binding b, Integer listed) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("groupId", b.groupId());
        v.put("platform", b.platform().wireName());
        v.put("oaId", b.oaId());
        v.put("zaloGroupId", b.zaloGroupId());
        v.put("members", members.mapping(b));
        if (listed != null) {
            v.put("listedByZalo", listed);
        }
        return v;
    }
}

package vn.binhyen.notification.rest;

import com.google.re2j.Pattern;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.binhyen.contracts.Roles;
import vn.binhyen.eventlog.http.Problem;
import vn.binhyen.eventlog.http.ProblemResponses;
import vn.binhyen.notification.service.Contacts;
import vn.binhyen.notification.domain.Delivery;

/**
 * How a recipient is reached outside the app: addresses, the preferred fallback chain and quiet
 * hours. A system administrator sets anyone's; a bot sets the citizen's whose report it relayed
 * ({@code citizen:<reportId>}); everyone sets their own ({@code /me}).
 */
@Tag(name = "Contacts")
@Path("/api/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {
    // RE2/J: matched in time linear in the text, whatever the client sends (issue 20); emails by EmailAddresses
    private static final Pattern RECIPIENT = Pattern.compile("(member|role|citizen|group):[A-Za-z0-9_.:@-]{1,120}");
    private static final Pattern PHONE = Pattern.compile("(\\+84|0)[35789][0-9]{8}");

    private final Contacts contacts;
    private final JsonWebToken token;

    private final vn.binhyen.notification.projection.GroupDirectory directory;

    ContactResource(Contacts contacts, JsonWebToken token, vn.binhyen.notification.projection.GroupDirectory directory) {
        this.contacts = contacts;
        this.token = token;
        this.directory = directory;
    }

    /**
     * {@code quietFrom}/{@code quietTo}: HH:mm local time, both or neither (at most the 18 characters
     * of HH:mm:ss.nnnnnnnnn). {@code email}: at most 254 characters (RFC 5321).
     */
    public record ContactRequest(@Size(max = 128) String zaloUserId, @Size(max = 128) String zaloGroupId,
            @Size(max = 20) String phone, @Size(max = EmailAddresses.MAX_LENGTH) String email,
            @Size(max = 10) List<@Size(max = 32) String> preferred, @Size(max = 18) String quietFrom,
            @Size(max = 18) String quietTo) {
    }

    @PUT
    @Path("/me")
    @RolesAllowed({Roles.LEADER, Roles.DEPUTY, Roles.ADMIN, Roles.MEMBER, Roles.DUTY_OFFICER, Roles.PCTP_OFFICER,
            Roles.IT_SECURITY_OFFICER, Roles.COMMANDER, Roles.AUDITOR, Roles.SYSTEM_ADMIN})
    @Operation(summary = "Set the caller's own contact", description = "Addresses, the preferred fallback chain "
            + "and quiet hours (quietFrom and quietTo, HH:mm, both or neither); the contact is replaced as a whole.")
    @APIResponse(responseCode = "204", description = "Saved")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response putMine(@Valid ContactRequest request) {
        return save("member:" + token.getName(), request);
    }

    @PUT
    @Path("/{recipient}")
    @RolesAllowed({Roles.SYSTEM_ADMIN, Roles.BOT})
    @Operation(summary = "Set a recipient's contact", description = "recipient is member:<id>, role:<ROLE> "
            + "(role:<ROLE>@<unit>), citizen:<reportId> or group:<id>. A system administrator sets anyone's; a bot "
            + "only a citizen's (else 403) whose report was relayed through a group it is bound to (else 404, type "
            + "unknown-report). The contact is replaced as a whole.")
    @APIResponse(responseCode = "204", description = "Saved")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response put(@PathParam("recipient") String recipient, @Valid ContactRequest request) {
        if (!RECIPIENT.matcher(recipient).matches()) {
            return invalid(List.of(new Problem.FieldError("recipient", "recipient-format",
                    "member:<id>, role:<ROLE> (role:<ROLE>@<unit> for a unit's staff), citizen:<reportId> or group:<id>")));
        }
        if (!token.getGroups().contains(Roles.SYSTEM_ADMIN) && !recipient.startsWith("citizen:")) {
            return Problem.of("forbidden", "Không được phép / Forbidden", Response.Status.FORBIDDEN,
                    "a bot may set only a citizen's contact (citizen:<reportId>)").toResponse();
        }
        // only for a report relayed through one of the bot's own groups (issue 21, audit F5.3)
        if (!token.getGroups().contains(Roles.SYSTEM_ADMIN)
                && !directory.relayedBy(recipient.substring("citizen:".length()), token.getName())) {
            return Problem.of("unknown-report", "Không tìm thấy tin báo / Unknown report", Response.Status.NOT_FOUND,
                    "no report relayed through a group this bot is bound to; nothing was saved").toResponse();
        }
        return save(recipient, request);
    }

    @GET
    @Path("/{recipient}")
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    @Operation(summary = "Read a recipient's contact")
    @APIResponse(responseCode = "200", description = "The recipient's addresses, preferred channels and quiet hours",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Delivery.Contact.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response get(@PathParam("recipient") String recipient) {
        return contacts.find(recipient).map(c -> Response.ok(c).build())
                .orElseGet(() -> Problem.of("not-found", "Không tìm thấy / Not found", Response.Status.NOT_FOUND,
                        "no contact for " + recipient).toResponse());
    }

    private Response save(String recipient, ContactRequest r) {
        if (r == null) {
            return invalid(List.of(new Problem.FieldError("body", "required", "a contact is required")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.phone() != null && !PHONE.matcher(r.phone()).matches()) {
            errors.add(new Problem.FieldError("phone", "vietnamese-mobile", "a Vietnamese mobile number: 0xxxxxxxxx or +84xxxxxxxxx"));
        }
        if (r.email() != null && !EmailAddresses.valid(r.email())) {
            errors.add(new Problem.FieldError("email", "email-format", "an email address"));
        }
        if (r.preferred() != null) {
            for (String ch : r.preferred()) {
                if (!Delivery.CHANNELS.contains(ch)) {
                    errors.add(new Problem.FieldError("preferred", "known-channel", "unknown channel " + ch
                            + "; one of " + Delivery.CHANNELS));
                }
            }
        }
        LocalTime from = time("quietFrom", r.quietFrom(), errors);
        LocalTime to = time("quietTo", r.quietTo(), errors);
        if ((from == null) != (to == null) && errors.isEmpty()) {
            errors.add(new Problem.FieldError(from == null ? "quietFrom" : "quietTo", "quiet-hours-pair",
                    "quiet hours need both quietFrom and quietTo"));
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        contacts.put(recipient, new Delivery.Contact(r.zaloUserId(), r.zaloGroupId(), r.phone(), r.email(),
                r.preferred(), from, to));
        return Response.noContent().build();
    }

    private static LocalTime time(String field, String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "time-format", "HH:mm, e.g. 22:00"));
            return null;
        }
    }

    private static Response invalid(List<Problem.FieldError> errors) {
        return Problem.of("invalid-contact", "Thông tin liên hệ không hợp lệ / Invalid contact",
                Response.Status.BAD_REQUEST, "the contact was not saved").withErrors(errors).toResponse();
    }
}

package vn.binhyen.notification.service;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The SMS gateway as a MicroProfile REST Client: {@code POST <base-url>/messages} with {@code {to, text}}
 * and a bearer key. Answered as a {@link Response} whatever its status (the default exception mapper
 * is off): {@link SmsChannel} sorts refusals into worth-another-try and permanent.
 */
@RegisterRestClient
@Path("/")
public interface SmsGateway {
    /** One message to one number. */
    record Message(String to, String text) {
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    Response send(@HeaderParam("Authorization") String authorization, Message message);
}

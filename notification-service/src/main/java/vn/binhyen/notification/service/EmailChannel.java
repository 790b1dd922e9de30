package vn.binhyen.notification.service;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import vn.binhyen.notification.domain.Delivery;

/**
 * Email over SMTP (Quarkus Mailer). An SMTP 5xx reply (no such mailbox, refused) is permanent;
 * a 4xx reply or no connection is tried again.
 */
@ApplicationScoped
@Named(Delivery.EMAIL)
public class EmailChannel implements Channel {
    // RE2/J: the server's reply is matched in time linear in its length (issue 20)
    private static final Pattern SMTP_REPLY = Pattern.compile("\\b([45])\\d\\d\\b");

    private final Mailer mailer;

    EmailChannel(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public String name() {
        return Delivery.EMAIL;
    }

    @Override
    public Delivery.Outcome send(String address, String subject, String text) {
        try {
            mailer.send(Mail.withText(address, subject, text));
            return new Delivery.Outcome.Sent();
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            Matcher reply = SMTP_REPLY.matcher(message);
            boolean permanent = reply.find() && reply.group(1).equals("5");
            return new Delivery.Outcome.Failed(!permanent, "SMTP: " + Channel.abbreviate(message));
        }
    }
}

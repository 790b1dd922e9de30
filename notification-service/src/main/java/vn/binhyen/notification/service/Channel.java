package vn.binhyen.notification.service;

import vn.binhyen.notification.domain.Delivery;

/** One way to reach a person outside the app; answers whether the message went out and, if not, whether to retry. */
public interface Channel {
    String name();

    Delivery.Outcome send(String address, String subject, String text);

    /** A far end's answer, cut to 200 characters for the delivery's record. */
    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
